// The fleet page (fleet.html): choose a file (read in the page, never uploaded), see the fleet
// total, sort the table, run a what-if, export, and no request leaves the origin; a large file
// shows progress and can be cancelled; a file of no known format says what it looked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectText, ROOT, useSite } from './helpers.mjs';

const FIXTURES = join(ROOT, 'tests', 'data', 'fleet');
const TOTAL = '[data-testid="fleet-total"]';

const site = useSite();

async function fleetPage() {
  const p = await site.open('fleet.html', { acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await p.page.waitForSelector('[data-testid="fleet-file"]', { timeout: 20_000 });
  return p;
}

const firstColumn = (page) =>
  page.$$eval('[data-testid="fleet-row"]', (rows) => rows.map((r) => r.cells[0].textContent.trim()));

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  assert.match(file.url(), /^blob:/);
  return { name: file.suggestedFilename(), text: (await readFile(await file.path())).toString('utf8') };
}

test('a CUR export: total, sort, what-if, free tier, exports, nothing leaves the origin', async () => {
  const p = await fleetPage();
  const { page } = p;
  await page.setInputFiles('[data-testid="fleet-file"]', join(FIXTURES, 'cur.csv'));
  // api $17.47 + worker $6.87 (see tests/fleet.rs).
  await expectText(page, TOTAL, '$24.34');
  assert.match(await page.textContent('[data-testid="fleet-summary"]'), /3 functions from a Cost and Usage Report/);
  assert.match(await page.textContent('[data-testid="fleet-set-aside"]'), /1 row of taxes/);
  assert.match(await page.textContent('[data-testid="fleet-bad-rows"]'), /1 row skipped/);

  // Largest bill first; sorting by bill again puts the cheapest first; by name, "=" sorts first.
  const api = 'arn:aws:lambda:us-east-1:123456789012:function:api';
  assert.equal((await firstColumn(page))[0], api);
  await page.click('[data-testid="sort-monthly"]');
  assert.equal((await firstColumn(page))[0], '=HYPERLINK("http://evil","x")');
  await page.click('[data-testid="sort-function"]');
  assert.deepEqual(await firstColumn(page), [
    '=HYPERLINK("http://evil","x")',
    api,
    'arn:aws:lambda:us-west-2:123456789012:function:worker',
  ]);
  await page.fill('[data-testid="fleet-filter"]', 'worker');
  assert.deepEqual(await firstColumn(page), ['arn:aws:lambda:us-west-2:123456789012:function:worker']);
  await page.fill('[data-testid="fleet-filter"]', '');

  // The arm64 what-if: api moves to arm64, 1 M GB-s at $0.0000133334: saves $3.34.
  await page.click('[data-testid="what-if-arm64"]');
  await expectText(page, '[data-testid="what-if-savings-arm64"]', '$3.34');
  await page.click('[data-testid="sort-savings"]');
  assert.equal((await firstColumn(page))[0], api);
  assert.equal(await page.locator('[data-testid="fleet-chart"] rect').count(), 1);
  // The function opens in the calculator with its usage.
  const href = await page.locator('[data-testid="fleet-row"]').first().locator('a').getAttribute('href');
  assert.equal(href, './index.html#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=250&requests=4000000');

  // A slower arm64 saves less: 1.2 M GB-s x $0.0000133334 = $16.00 + $0.80 against $17.47.
  await page.fill('[data-testid="fleet-arm-factor"]', '1.2');
  await page.dispatchEvent('[data-testid="fleet-arm-factor"]', 'change');
  await expectText(page, '[data-testid="what-if-savings-arm64"]', '$0.67');

  // The free tier once for the account: 1 M requests and 400,000 GB-s off us-east-1.
  await page.check('[data-testid="fleet-free"]');
  await expectText(page, TOTAL, '$17.47');
  await page.uncheck('[data-testid="fleet-free"]');
  await expectText(page, TOTAL, '$24.34');

  const csv = await download(page, 'fleet-export-csv');
  assert.equal(csv.name, 'lambda-fleet.csv');
  assert.match(csv.text, /^function,region,arch,memory_mb,/);
  assert.match(csv.text, /"'=HYPERLINK\(""http:\/\/evil"",""x""\)"/, 'formula defused');
  assert.match(csv.text, /\r\nFleet total \(tiers per region and architecture\),,,,,,24\.34,/);
  const md = await download(page, 'fleet-export-markdown');
  assert.equal(md.name, 'lambda-fleet.md');
  assert.match(md.text, /\*\*\$24\.34\*\*/);
  await p.done();
});

test('two functions reach the second tier together', async () => {
  const p = await fleetPage();
  await p.page.setInputFiles('[data-testid="fleet-file"]', join(FIXTURES, 'functions.csv'));
  await expectText(p.page, TOTAL, '$130,160.20');
  assert.match(await p.page.textContent('[data-testid="fleet-summary"]'), /one by one they add up to \$133,493\.60/);
  await p.done();
});

test('a file of no known format names the columns it looked for', async () => {
  const p = await fleetPage();
  await p.page.setInputFiles('[data-testid="fleet-file"]', {
    name: 'other.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('a,b,c\n1,2,3\n'),
  });
  await p.page.waitForSelector('[data-testid="fleet-error"]');
  const text = await p.page.textContent('[data-testid="fleet-error"]');
  assert.match(text, /line_item_usage_type/);
  assert.match(text, /FunctionArn/);
  assert.match(text, /avg_duration_ms/);
  await p.done();
});

// Large files are handed to the browser by path: sending tens of MB through the
// protocol takes longer than the page needs to read them.
function writeTemp(name, text) {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-e2e-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('a large file shows progress, keeps the page responsive and can be cancelled', async () => {
  const p = await fleetPage();
  const { page } = p;
  const row = 'arn:aws:lambda:us-east-1:1:function:f,us-east-1,x86_64,128,1000,10\n';
  const lines = ['function,region,arch,memory_mb,requests,avg_duration_ms\n'];
  for (let i = 0; i < 600_000; i++) lines.push(row.replace(':f,', `:f${i % 5000},`));
  const file = writeTemp('big.csv', lines.join(''));
  assert.ok(statSync(file).size > 40e6);
  await page.setInputFiles('[data-testid="fleet-file"]', file, { timeout: 120_000 });
  await page.waitForSelector('[data-testid="fleet-progress"]');
  // The page answers while the file is read: a script round trip returns at once.
  const started = Date.now();
  await page.evaluate(() => 1);
  assert.ok(Date.now() - started < 2_000, 'page responsive while reading');
  await page.click('[data-testid="fleet-cancel"]');
  await expectText(page, '[data-testid="fleet-error"]', 'Reading cancelled.');
  assert.equal(await page.locator('[data-testid="fleet-progress"]').count(), 0);
  await p.done();
});

test('100,000 CUR rows of 5,000 functions are parsed and priced in the page', async () => {
  // The rows of examples/fleet_bench.rs, generated the same way (same f64 arithmetic).
  const regions = [['us-east-1', ''], ['us-west-2', 'USW2-'], ['eu-west-1', 'EU-'], ['ap-northeast-1', 'APN1-']];
  const lines = [
    'identity_line_item_id,line_item_usage_start_date,line_item_product_code,line_item_usage_type,' +
      'line_item_operation,line_item_resource_id,line_item_usage_amount,line_item_unblended_cost,' +
      'line_item_line_item_type,pricing_unit,product_region_code\n',
  ];
  let id = 0;
  for (let f = 0; f < 5000; f++) {
    const [region, prefix] = regions[f % regions.length];
    const arm = f % 3 === 0 ? '-ARM' : '';
    for (let day = 0; day < 10; day++) {
      const requests = 1000 + ((f * 37 + day * 11) % 50000);
      const gbS = requests * (0.05 + (f % 17) * 0.03);
      for (const [kind, amount] of [['Request', requests], ['Lambda-GB-Second', gbS]]) {
        id += 1;
        const date = `2026-10-${String(day + 1).padStart(2, '0')}T00:00:00Z`;
        lines.push(`${id},${date},AWSLambda,${prefix}${kind}${arm},Invoke,` +
          `arn:aws:lambda:${region}:123456789012:function:fn-${f},${amount},0,Usage,,${region}\n`);
      }
    }
  }
  const p = await fleetPage();
  // Timed in the page from the file input's change event (the file's transfer from the test
  // to the browser is not the page's time).
  await p.page.evaluate(() => {
    document.querySelector('[data-testid="fleet-file"]').addEventListener('change', () => {
      window.fleetChosenAt = performance.now();
    });
  });
  await p.page.setInputFiles('[data-testid="fleet-file"]', writeTemp('cur-100k.csv', lines.join('')), { timeout: 120_000 });
  await expectText(p.page, TOTAL, '$5,791.60', 60_000);
  const ms = await p.page.evaluate(() => performance.now() - window.fleetChosenAt);
  console.log(`fleet page: 100,000 CUR rows (5,000 functions) read, parsed, priced with what-ifs and shown in ${(ms / 1000).toFixed(2)} s`);
  assert.match(await p.page.textContent('[data-testid="fleet-summary"]'), /5,000 functions from a Cost and Usage Report \(100,000 rows\)/);
  await p.done();
});
