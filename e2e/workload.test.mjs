// The calculator as people use it: a workload typed in, architectures and units switched,
// the link reloaded, charts drawn crisp at phone and desktop widths, the PC break-even.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  dollars, expectTotal, fieldError, openPage, ROOT, setInput, totalText, useSite, waitForApp,
} from './helpers.mjs';

const OUT = join(ROOT, 'e2e', 'screenshots');
const PC_EXAMPLE =
  '#v=1&region=us-east-1&arch=x86_64&memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&pc_duration=100';
const CHARTS = ['chart-memory', 'chart-volume', 'chart-pc'];

const site = useSite({ outDir: OUT });

async function app(hash = '', options = {}) {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 }, ...options });
  await p.page.goto(site.server.url + hash);
  await waitForApp(p.page);
  await chartsDrawn(p.page);
  return p;
}

/** Waits until every chart canvas has been drawn at least `min` times. */
async function chartsDrawn(page, min = 1, ids = CHARTS) {
  await page.waitForFunction(
    ([ids, n]) => ids.every((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.draws) >= n),
    [ids, min],
  );
}

/** How many distinct colours a canvas holds, and whether its backing store is HiDPI-sized. */
async function canvasStats(page, id) {
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    const r = c.getBoundingClientRect();
    return { colours: colours.size, width: c.width, cssWidth: r.width, ratio: window.devicePixelRatio };
  }, id);
}

/** The link the page has written (it writes once typing pauses). */
async function linkContains(page, part) {
  await page.waitForFunction((part) => location.hash.includes(part), part, { timeout: 5_000 });
  return page.evaluate(() => location.hash);
}

test('a typed workload gets its bill, verdict and charts; the link reopens it', async () => {
  const p = await app();
  const { page } = p;
  await page.setChecked('#free-tier', true);
  await setInput(page, '#memory', '1536');
  await setInput(page, '#duration', '120');
  await setInput(page, '#requests', '3,000,000');
  await expectTotal(page, '$2.73');
  assert.match(await page.textContent('[data-testid="per-invocation"]'), /^\$0\.0000009\d* per invocation$/);
  assert.match(await page.textContent('[data-testid="arch-verdict"]'), /^arm64 saves \$0\.\d\d \/ month \(\d+\.\d %\) at this workload\.$/);

  await page.check('#arch-arm64');
  const arm = dollars(await totalText(page));
  assert.ok(arm < 2.73, `arm64 total ${arm} should be below $2.73`);
  const hash = await linkContains(page, 'arch=arm64');
  assert.match(hash, /memory=1536&duration=120&requests=3000000&free=1/);

  // Reload from the link: same numbers, same inputs.
  await page.reload();
  await waitForApp(page);
  assert.equal(dollars(await totalText(page)), arm);
  assert.equal(await page.inputValue('#memory'), '1536');
  assert.equal(await page.inputValue('#requests'), '3,000,000');
  assert.ok(await page.isChecked('#arch-arm64'));
  assert.ok(await page.isChecked('#free-tier'));
  await p.done();
});

test('requests can be entered per second; they are stored per month', async () => {
  const p = await app('#memory=1536&duration=120&requests=3000000&free=1');
  const { page } = p;
  await page.selectOption('#per', 's');
  // 3,000,000 a month over AWS's 730-hour month.
  assert.equal(await page.inputValue('#requests'), '1.1416');
  await setInput(page, '#requests', '100');
  // 100/s = 262,800,000 a month; the CLI prices this link at $834.09.
  await expectTotal(page, '$834.09');
  const hash = await linkContains(page, 'requests=262800000');
  assert.match(hash, /per=s/);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.inputValue('#requests'), '100');
  assert.equal(await page.inputValue('#per'), 's');
  await p.done();
});

test('break-even of provisioned concurrency: 60.0 % in us-east-1, 79.7 % in eu-west-1', async () => {
  const p = await app(PC_EXAMPLE);
  const { page } = p;
  await expectTotal(page, '$19.96');
  assert.equal((await page.textContent('[data-testid="pc-breakeven"]')).trim(), '60.0 %');
  await page.selectOption('#region', 'eu-west-1');
  await page.waitForFunction(() => document.querySelector('[data-testid="pc-breakeven"]').textContent.trim() === '79.7 %');
  await p.done();
});

test('the link follows hash changes made by the user', async () => {
  const p = await app();
  const { page } = p;
  await page.evaluate((h) => { location.hash = h; }, '#memory=1024&duration=2000&requests=7440000');
  await expectTotal(page, '$249.49');
  assert.equal(await page.inputValue('#memory'), '1024');
  await p.done();
});

test('bad input keeps the last good numbers and charts', async () => {
  const p = await app('#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  const draws = await page.getAttribute('[data-testid="chart-memory"]', 'data-draws');
  await setInput(page, '#cpu', '150');
  assert.match(await fieldError(page, 'cpu'), /between 0 % and 100 %/);
  await page.waitForTimeout(200);
  assert.equal(await totalText(page), '$249.49');
  assert.equal(await page.getAttribute('[data-testid="chart-memory"]', 'data-draws'), draws);
  assert.ok(await page.isVisible('.stale-note'));
  await setInput(page, '#cpu', '50');
  assert.equal(await fieldError(page, 'cpu'), '');
  // Only the memory chart depends on how CPU-bound the function is.
  await chartsDrawn(page, Number(draws) + 1, ['chart-memory']);
  await p.done();
});

test('hovering a chart reads out the data under the pointer', async () => {
  const p = await app('#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  const chart = page.locator('[data-testid="chart-memory"]');
  await chart.scrollIntoViewIfNeeded();
  // Charts draw after the first paint: hover once this one has been drawn.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-memory"]').getAttribute('data-draws')) > 0);
  const box = await chart.boundingBox();
  // A pointer moves in steps, and keeps moving a little while it rests over the chart.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.waitForTimeout(300);
  await page.mouse.move(box.x + box.width / 2 + 2, box.y + box.height / 2, { steps: 2 });
  const readout = page.locator('.readout');
  await readout.waitFor();
  assert.match(await readout.textContent(), /^[\d,]+ MB · x86_64: \$[\d,]+\.\d\d \/ month, [\d,.]+ ms · arm64: /);
  await page.mouse.move(box.x - 20, box.y - 20);
  await readout.waitFor({ state: 'detached' });
  await p.done();
});

for (const [width, height, ratio, scheme] of [
  [390, 844, 3, 'light'],
  [1280, 900, 2, 'dark'],
  [1280, 900, 1, 'light'],
]) {
  test(`charts are drawn crisp at ${width}px, devicePixelRatio ${ratio}, ${scheme} mode`, async () => {
    const mobile = width < 600;
    const p = await app(PC_EXAMPLE, {
      viewport: { width, height },
      deviceScaleFactor: ratio,
      isMobile: mobile,
      hasTouch: mobile,
      colorScheme: scheme,
    });
    const { page } = p;
    for (const id of CHARTS) {
      const s = await canvasStats(page, id);
      assert.ok(s.colours > 20, `${id} looks blank (${s.colours} colours)`);
      assert.ok(Math.abs(s.width - Math.round(s.cssWidth * ratio)) <= 1, `${id} backing store ${s.width} for ${s.cssWidth} CSS px at ${ratio}x`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    await page.screenshot({ path: join(OUT, `workload-${width}-${ratio}x-${scheme}.png`), fullPage: true });
    await p.done();
  });
}

test('every rate can be overridden; an empty field returns to the rate card', async () => {
  const p = await app('#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  await page.click('.rate-overrides summary');
  assert.equal(await page.getAttribute('#r_dur', 'placeholder'), '0.0000166667');
  await setInput(page, '#r_dur', '0.00001');
  // 14,880,000 GB-s x $0.00001 = $148.80, plus $1.49 of requests.
  await expectTotal(page, '$150.29');
  await linkContains(page, 'r_dur=0.00001');
  await setInput(page, '#r_dur', '2');
  assert.match(await fieldError(page, 'r_dur'), /between \$0 and \$1 per GB-s/);
  await setInput(page, '#r_dur', '');
  await expectTotal(page, '$249.49');
  await p.done();
});

test('regions can be searched by city, code or continent', async () => {
  const p = await app('#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  await page.fill('#region-search', 'asia');
  const options = await page.$$eval('#region option', (os) => os.map((o) => o.value));
  assert.ok(options.includes('ap-southeast-1') && options.includes('us-east-1'), `${options}`);
  assert.ok(!options.includes('eu-west-1'), 'Europe is filtered out');
  // Typing never changes the scenario; Enter picks the match.
  await page.fill('#region-search', 'zurich');
  await page.press('#region-search', 'Enter');
  await page.waitForFunction(() => document.getElementById('region').value === 'eu-central-2');
  await linkContains(page, 'region=eu-central-2');
  // Zurich: 14,880,000 GB-s x $0.0000183334 = $272.80, plus 7.44 M x $0.22 / 1M = $1.64.
  await expectTotal(page, '$274.44');
  await p.done();
});

test('provisioned concurrency can be sized from a traffic shape', async () => {
  const p = await app('#memory=1024&duration=120&requests=1000000');
  const { page } = p;
  await page.click('.traffic-shape summary');
  await page.fill('#peak-rps', '100');
  await page.fill('#peak-hours', '24');
  await page.fill('#off-peak-rps', '0');
  // Steady 100 req/s of 120 ms: 12 concurrent executions all month.
  await page.waitForFunction(() => document.querySelector('[data-testid="traffic-plan"]').textContent.includes('peak concurrency 12 → 12 instances for 730 h'));
  await page.click('text=Apply to the scenario');
  await page.waitForFunction(() => document.getElementById('pc').value === '12');
  assert.equal(await page.inputValue('#pc_hours'), '730');
  assert.equal(await page.inputValue('#pc_requests'), '262,800,000');
  assert.equal(await page.inputValue('#requests'), '262,800,000');
  // PC 31,536,000 GB-s $131.40 + its duration 31,536,000 GB-s $306.60 + requests $52.56.
  await expectTotal(page, '$490.56');
  await p.done();
});
