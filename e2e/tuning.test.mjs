// Power Tuning import: paste a visualization link, find the chart, the table and the
// picks; add an arm64 run and compare; a bad paste gets a message; the link reopens it all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, ROOT, useSite, waitForApp } from './helpers.mjs';

// Issue #251 of aws-lambda-power-tuning: 128..2048 MB, x86_64, 1 ms billing.
const HASH = 'gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=';
const LINK = `https://lambda-power-tuning.show/#${HASH}`;
const OUT = join(ROOT, 'e2e', 'screenshots');
const ROWS = '[data-testid="pt-table"] tbody tr';

const site = useSite({ outDir: OUT });

async function app(options = {}, url = site.server.url) {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 800 }, ...options });
  await p.page.goto(url);
  await waitForApp(p.page);
  return p;
}

async function addRun(page, text, label) {
  await page.fill('#pt-paste', text);
  await page.fill('#pt-label', label ?? '');
  await page.click('#pt-add');
}

async function rowCount(page, n) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [ROWS, n], {
    timeout: 5_000,
  }).catch(() => {});
  return page.locator(ROWS).count();
}

/** How many distinct colours the chart canvas holds (1 = blank). */
async function canvasColours(page, testid) {
  await page.waitForFunction(
    (id) => {
      const c = document.querySelector(`[data-testid="${id}"]`);
      return c && c.width > 0 && c.height > 0 && Number(c.getAttribute('data-draws') ?? '1') > 0;
    },
    testid,
    { timeout: 5_000 },
  );
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {
      seen.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
      if (seen.size > 50) break;
    }
    return seen.size;
  }, testid);
}

async function text(page, selector) {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

test('a pasted visualization link shows the chart, the table and the picks', async () => {
  const p = await app();
  const { page } = p;
  await page.fill('#memory', '128');
  await addRun(page, LINK, 'x86_64');

  assert.equal(await rowCount(page, 5), 5, 'one table row per measured memory size');
  const sizes = await page.$$eval(`${ROWS} th[scope=row]`, (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(sizes, ['128 MB', '256 MB', '512 MB', '1,024 MB', '2,048 MB']);
  assert.ok((await canvasColours(page, 'chart-tuning')) > 5, 'the chart canvas is drawn, not blank');

  // The core's picks for this sample: 512 MB is the cheapest invocation and the fastest.
  assert.match(await text(page, '[data-picks~="cost"]'), /512 MB/);
  assert.match(await text(page, '[data-picks~="speed"]'), /512 MB/);
  assert.match(await text(page, '[data-picks~="bill"]'), /512 MB · 4 ms · \$[\d,.]+ \/ month/);
  assert.match(await text(page, '[data-picks~="cost"]'), /512 MB: \d+% cheaper, \d+% faster than your 128 MB/);
  // Marked in the table in words.
  const picked = await text(page, `${ROWS}.picked`);
  assert.match(picked, /lowest bill/);
  assert.match(picked, /cost/);
  // The box is emptied for the next run.
  assert.equal(await page.inputValue('#pt-paste'), '');

  // Sorting by monthly bill, descending on the second click.
  const sortBy = page.locator('[data-testid="pt-table"] thead button', { hasText: 'Monthly bill' });
  await sortBy.click();
  assert.equal(await text(page, `${ROWS} th[scope=row]`), '512 MB', 'cheapest first');
  await sortBy.click();
  assert.equal(await text(page, `${ROWS} th[scope=row]`), '2,048 MB', 'dearest first');
  await p.done();
});

test('two runs are compared, a bad paste is refused, and the link reopens them', async () => {
  const p = await app();
  const { page } = p;
  // At 100M requests a month the duration, not the request fee, decides.
  await page.fill('#requests', '100000000');
  await addRun(page, LINK, 'x86_64');
  await rowCount(page, 5);
  await addRun(page, HASH, 'arm64');
  assert.equal(await rowCount(page, 10), 10);
  const comparison = await text(page, '[data-testid="pt-comparison"]');
  assert.match(comparison, /x86_64 vs arm64/);
  assert.match(comparison, /At each run's lowest bill: arm64 \(512 MB\) is cheaper by \$[\d,.]+ a month \(\d+%\)/);

  // Garbage: a precise message next to the box, the runs stay.
  await addRun(page, 'hello world', 'nope');
  await page.waitForSelector('#pt-paste-error', { timeout: 5_000 });
  const message = await text(page, '#pt-paste-error');
  assert.ok(message.length > 10, `message: ${message}`);
  assert.equal(await page.getAttribute('#pt-paste', 'aria-invalid'), 'true');
  assert.equal(await rowCount(page, 10), 10, 'the last good runs stay');
  await addRun(page, '{"power": "x"}');
  await page.waitForFunction((m) => document.querySelector('#pt-paste-error')?.textContent.trim() !== m, message);
  assert.ok((await text(page, '#pt-paste-error')).length > 10);

  // The balanced weight travels in the link.
  await page.$eval('#pt-weight', (el) => {
    el.value = '0.2';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => location.hash.includes('w=0.2'));
  assert.match(await text(page, '[data-picks~="balanced"]'), /balanced \(w = 0\.20\)/);

  await page.screenshot({ path: join(OUT, 'tuning-1280x800.png'), fullPage: true });

  const url = page.url();
  assert.match(url, /[#&]pt=/);
  const q = await app({}, url);
  assert.equal(await rowCount(q.page, 10), 10, 'the reopened link has both runs');
  assert.equal(await q.page.inputValue('#pt-run-label-0'), 'x86_64');
  assert.equal(await q.page.inputValue('#pt-run-label-1'), 'arm64');
  assert.match(await text(q.page, '[data-testid="pt-comparison"]'), /arm64 \(512 MB\) is cheaper/);
  assert.equal(await text(q.page, '[data-testid="pt-weight-value"]'), '0.20');
  assert.ok((await canvasColours(q.page, 'chart-tuning')) > 5);

  // Renaming and removing.
  await q.page.fill('#pt-run-label-1', 'Graviton build');
  await q.page.press('#pt-run-label-1', 'Enter');
  await q.page.locator('#pt-run-label-1').blur();
  await q.page.waitForFunction(() => location.hash.includes('Graviton'));
  await q.page.click('button[aria-label^="Remove run 1"]');
  assert.equal(await rowCount(q.page, 5), 5);
  assert.equal(await q.page.inputValue('#pt-run-label-0'), 'Graviton build');
  await q.done();
  await p.done();
});

for (const [width, height, mobile, scheme] of [
  [390, 844, true, 'light'],
  [1280, 800, false, 'dark'],
]) {
  test(`Power Tuning screenshots at ${width}x${height} (${scheme})`, async () => {
    const p = await app({ viewport: { width, height }, isMobile: mobile, hasTouch: mobile, colorScheme: scheme });
    const { page } = p;
    await page.fill('#requests', '100000000');
    await addRun(page, LINK, 'x86_64');
    await rowCount(page, 5);
    await addRun(page, HASH, 'arm64');
    await rowCount(page, 10);
    await canvasColours(page, 'chart-tuning');
    const section = page.locator('[data-testid="power-tuning"]');
    await section.screenshot({ path: join(OUT, `tuning-section-${width}x${height}-${scheme}.png`) });
    await page.locator('.pt-chart').screenshot({ path: join(OUT, `tuning-chart-${width}x${height}-${scheme}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px viewport`);
    await p.done();
  });
}

// A Power Tuning output (the state machine's JSON), three sizes where each pick differs:
// 128 MB is the cheapest, 2,048 MB the fastest, and the balanced pick moves with the weight
// (512 MB at 0.5; 2,048 MB at 0.2, when speed counts for more).
const OUTPUT = JSON.stringify({
  power: 128,
  cost: 0.0000020833,
  duration: 1000,
  stateMachine: { executionCost: 0.00025, lambdaCost: 0.0000079, visualization: 'https://lambda-power-tuning.show/#' },
  stats: [
    { value: 128, averagePrice: 0.0000020833, averageDuration: 1000 },
    { value: 512, averagePrice: 0.0000025, averageDuration: 300 },
    { value: 2048, averagePrice: 0.0000033333, averageDuration: 100 },
  ],
}, null, 2);

test('a pasted Power Tuning output JSON shows its runs, its picks and their bills', async () => {
  const p = await app({}, `${site.server.url}#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=1000&requests=1000000`);
  const { page } = p;
  await addRun(page, OUTPUT, 'x86_64');
  assert.equal(await rowCount(page, 3), 3, 'one row per size in the output');
  const sizes = await page.$$eval(`${ROWS} th[scope=row]`, (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(sizes, ['128 MB', '512 MB', '2,048 MB']);
  assert.equal(await page.inputValue('#pt-paste'), '', 'the box is emptied');
  assert.equal(await page.locator('#pt-paste-error').count(), 0, 'no error for a valid output');

  assert.match(await text(page, '[data-picks~="cost"]'), /128 MB/);
  assert.match(await text(page, '[data-picks~="speed"]'), /2,048 MB/);
  assert.match(await text(page, '[data-picks~="balanced"]'), /512 MB/);
  // The bill of 1M requests a month at 128 MB and 1,000 ms: $0.20 + 125,000 GB-s at
  // $0.0000166667 ($2.08) = $2.28.
  assert.match(await text(page, '[data-picks~="bill"]'), /128 MB · 1,000 ms · \$2\.28 \/ month/);
  const rows = await page.$$eval(ROWS, (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
  assert.match(rows[0], /\$2\.28/, `128 MB row shows its bill: ${rows[0]}`);
  assert.ok((await canvasColours(page, 'chart-tuning')) > 5, 'the chart is drawn');

  // The balanced weight changes the pick: at 0.2 speed weighs more, 2,048 MB wins.
  await page.$eval('#pt-weight', (el) => {
    el.value = '0.2';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => /2,048 MB/.test(document.querySelector('[data-picks~="balanced"]')?.textContent ?? ''));
  const balanced = await text(page, '[data-picks~="balanced"]');
  assert.match(balanced, /2,048 MB/);
  assert.match(balanced, /balanced \(w = 0\.20\)/);
  assert.doesNotMatch(await text(page, '[data-picks~="balanced"]'), /512 MB/);
  // And at 0.9 cost weighs more: 128 MB.
  await page.$eval('#pt-weight', (el) => {
    el.value = '0.9';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => /128 MB/.test(document.querySelector('[data-picks~="balanced"]')?.textContent ?? ''));
  await p.done();
});
