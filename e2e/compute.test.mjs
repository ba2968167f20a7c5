// Which way to run it (issue 12): the comparison of on-demand Lambda, provisioned
// concurrency, Lambda Managed Instances and Fargate, its LMI inputs, the compute=lmi bill
// and the embed view's chart=compute; every test ends with the page-hygiene check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, ROOT, setInput, useSite, waitForApp } from './helpers.mjs';

const SECTION = '[data-testid="compute-comparison"]';
// Steady 200 req/s of 2 s at 1,024 MB, Python on m7g.xlarge with a 3-year Savings Plan.
const STEADY = '#memory=1024&duration=2000&requests=525600000&lmi_discount=72&lmi_runtime=python';

const site = useSite();

async function app(hash) {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await p.page.goto(site.server.url + hash);
  await waitForApp(p.page);
  await p.page.waitForSelector(SECTION);
  return p;
}

/** Each option's row: its label and its monthly total as shown. */
async function totals(page) {
  return page.$$eval(`${SECTION} .compute-table tbody tr`, (rows) =>
    rows.map((r) => ({
      option: r.dataset.option,
      total: r.querySelector('td.num').textContent.trim(),
    })));
}

test('a steady high-volume workload: Managed Instances cheapest, with its crossover', async () => {
  const p = await app(STEADY);
  const { page } = p;
  const rows = await totals(page);
  assert.deepEqual(rows.map((r) => r.option), ['on_demand', 'provisioned', 'lmi', 'fargate']);
  for (const r of rows) assert.match(r.total, /^\$[\d,]+\.\d\d$/, r.option);
  assert.equal(rows.find((r) => r.option === 'lmi').total, '$463.72');
  const verdict = await page.textContent('[data-testid="compute-verdict"]');
  assert.match(verdict, /^Lambda Managed Instances is the cheapest at your traffic \(200 req\/s, steady\): \$463\.72 a month, \$387\.10 a month \(45\.5 %\) less than Fargate \(always on\)\.$/);
  const crossovers = await page.textContent('[data-testid="compute-crossovers"]');
  assert.match(crossovers, /Above [\d.,]+ req\/s \([\d,]+ requests a month\) Lambda Managed Instances becomes cheaper than Lambda on demand/);
  assert.match(crossovers, /Lambda Managed Instances becomes cheaper than Fargate \(always on\)/);
  // The chart is drawn, and the sizing rule is stated next to the result.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-compute"]')?.dataset.draws) >= 1);
  assert.match(await page.textContent('[data-testid="lmi-sizing"]'), /16 requests per vCPU at once \(AWS's Python default\)/);
  // The LMI inputs are open (the link sets them); billing as LMI shows its bill and goes in the link.
  assert.equal(await page.$eval('[data-testid="lmi-inputs"]', (d) => d.open), true);
  await page.setChecked('#compute-lmi', true);
  await page.waitForSelector('[data-testid="lmi-bill"]');
  assert.match(await page.textContent('[data-testid="lmi-bill"]'), /Management fee/);
  await page.waitForFunction(() => location.hash.includes('compute=lmi'), null, { timeout: 5_000 });
  await p.done();
});

test('a spiky low-volume workload: on demand is cheapest; a bad LMI input names its key', async () => {
  const p = await app('#memory=512&duration=100&requests=100000');
  const { page } = p;
  assert.equal(await page.$eval('[data-testid="lmi-inputs"]', (d) => d.open), false);
  // A spike: 5 req/s for one hour a day, nothing otherwise, through the traffic-shape helper.
  await page.click('.traffic-shape summary');
  await setInput(page, '#peak-rps', '5');
  await setInput(page, '#peak-hours', '1');
  await setInput(page, '#off-peak-rps', '0');
  await page.click('text=Apply to the scenario');
  // 5 req/s x 3,600 s x 30.4 days = 547,500 requests a month.
  await page.waitForFunction(() => document.getElementById('requests').value === '547,500', null, { timeout: 5_000 });
  // The day's shape goes in the link too, and the comparison sizes from it.
  await page.waitForFunction(() => /peak_hours=1(&|$)/.test(location.hash), null, { timeout: 5_000 });
  await page.waitForFunction(
    (sel) => /a peak of 1 h a day at 5 req\/s/.test(document.querySelector(`${sel} [data-testid="compute-verdict"]`)?.textContent ?? ''),
    SECTION,
    { timeout: 5_000 },
  );
  await page.waitForFunction(
    (sel) => /^Lambda on demand is the cheapest/.test(document.querySelector(`${sel} [data-testid="compute-verdict"]`)?.textContent ?? ''),
    SECTION,
    { timeout: 5_000 },
  );
  for (const r of await totals(page)) assert.match(r.total, /^\$[\d,]+\.\d\d$/, r.option);
  // Rust, the default runtime: the assumed requests per vCPU is said to be an assumption.
  assert.match(await page.textContent('[data-testid="lmi-inputs"]'), /AWS publishes no default for it/);
  await page.click('[data-testid="lmi-inputs"] summary');
  await setInput(page, '#lmi_discount', '100');
  await page.waitForSelector('#lmi_discount-error');
  assert.match(await page.textContent('#lmi_discount-error'), /from 0 up to \(not including\) 100/);
  await p.done();
});

test('the embed view draws the comparison with chart=compute', async () => {
  const p = await app(`${STEADY}&embed=1&chart=compute`);
  const { page } = p;
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-compute"]')?.dataset.draws) >= 1);
  assert.match(await page.textContent(SECTION), /Lambda Managed Instances is the cheapest way to run this workload/);
  await p.done();
});

test('the day shape in the link sizes provisioned concurrency and LMI, with the rule', async () => {
  // 876 M requests: 8 h a day at the peak, 10 % of it the rest of the day.
  const p = await app('#arch=arm64&memory=1024&duration=200&requests=876000000&peak_hours=8&off_peak_pct=10&lmi_runtime=node&lmi_conc=8');
  const { page } = p;
  assert.match(await page.textContent('[data-testid="compute-verdict"]'), /\(a peak of 8 h a day at 833\.333 req\/s, 83\.333 req\/s the rest of the day\)/);
  assert.equal(await page.inputValue('#peak_hours'), '8');
  assert.equal(await page.inputValue('#off_peak_pct'), '10');
  assert.match(await page.textContent('[data-testid="lmi-sizing"]'), /6 instances at the peak and 3 off it \(at least 3 each\) = 2,920 instance-hours a month/);
  const pc = await page.textContent(`${SECTION} tr[data-option="provisioned"] .sizing`);
  assert.match(pc, /167 instances \(rounded up\) for 8 h a day/);
  // Each option's basis is stated.
  const basis = await page.textContent('[data-testid="compute-assumptions"]');
  assert.match(basis, /Fargate: on-demand rates/);
  assert.match(basis, /Per vCPU-hour with its memory/);
  // Steady again: 24 hours, and the link drops the key.
  await setInput(page, '#peak_hours', '24');
  await page.waitForFunction(() => !location.hash.includes('peak_hours'), null, { timeout: 5_000 });
  await page.waitForFunction(
    (sel) => /\(333\.333 req\/s, steady\)/.test(document.querySelector(`${sel} [data-testid="compute-verdict"]`)?.textContent ?? ''),
    SECTION,
    { timeout: 5_000 },
  );
  await p.done();
});

test('pasted LMI Power Tuning runs stay concurrency runs after a reload of the link', async () => {
  const output = readFileSync(join(ROOT, 'tests', 'data', 'power-tuning', 'output-lmi-combined.json'), 'utf8');
  const p = await app('#memory=1024&duration=200&requests=1000000');
  const { page } = p;
  await page.fill('#pt-paste', output);
  await page.click('#pt-add');
  await page.waitForSelector('[data-testid="lmi-runs"]');
  await page.waitForFunction(() => location.hash.includes('ptl='), null, { timeout: 5_000 });
  const before = (await page.textContent('[data-testid="lmi-runs"]')).replace(/\s+/g, ' ');
  assert.match(before, /c8g\.xlarge, 2 GiB per vCPU/);
  assert.match(before, /10 at once/);
  await page.reload();
  await waitForApp(page);
  await page.waitForSelector('[data-testid="lmi-runs"]');
  const after = (await page.textContent('[data-testid="lmi-runs"]')).replace(/\s+/g, ' ');
  assert.equal(after, before, 'the same runs, as concurrency levels, for the same instance type');
  assert.match(after, /c8g\.xlarge, 4 GiB per vCPU/);
  // The memory runs are memory sizes only: no 1, 5, 10 or 20 MB row.
  const sizes = await page.$$eval('[data-testid="pt-table"] tbody th[scope=row]', (ths) => ths.map((t) => t.textContent.trim()));
  for (const s of sizes) assert.match(s, /^[\d,]+ MB$/);
  assert.ok(sizes.every((s) => Number(s.replace(/\D/g, '')) >= 128), sizes.join(' '));
  await p.done();
});
