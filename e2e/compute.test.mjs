// Which way to run it (issue 12): the comparison of on-demand Lambda, provisioned
// concurrency, Lambda Managed Instances and Fargate, its LMI inputs, the compute=lmi bill
// and the embed view's chart=compute; every test ends with the page-hygiene check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, setInput, useSite, waitForApp } from './helpers.mjs';

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
