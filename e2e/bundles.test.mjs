// Which Wasm bundle each view fetches: index.html's loader picks the embed view's own small
// bundle for `#…&embed=1` (read as the app reads the fragment: the last `embed` pair counts)
// and the calculator's otherwise, before fetching either; both show the same total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectTotal, flipNearEnd, indentWithTab, openPage, serveTampered, useSite, waitForApp } from './helpers.mjs';

const site = useSite();
const SCENARIO = 'v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000';

/** Loads `fragment`, waits for the total; returns it with the Wasm files fetched. */
async function load(fragment) {
  const p = await openPage(site.browser);
  await p.page.goto(`${site.server.url}${fragment}`);
  const total = await waitForApp(p.page);
  await p.page.waitForLoadState('networkidle');
  // Trunk names a file by a 64-bit hash in hex without leading zeros: 1 to 16 digits.
  const wasm = p.requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname.replace(/-[0-9a-f]{1,16}_bg\.wasm$/, ''));
  const css = p.requests.filter((u) => u.endsWith('.css')).map((u) => new URL(u).pathname.replace(/-[0-9a-f]{1,16}\.css$/, ''));
  return { p, total, wasm: [...new Set(wasm)], css: [...new Set(css)] };
}

test('the embed view fetches only the embed bundle and styles, the calculator only its own', async () => {
  const embed = await load(`#${SCENARIO}&embed=1`);
  assert.deepEqual(embed.wasm, ['/embed']);
  // One sheet, what both views show and the view's own: none of the form's styles.
  assert.deepEqual(embed.css, ['/embed']);
  assert.equal(await embed.p.page.locator('#memory').count(), 0, 'no form in the embed view');
  const styled = (page) => page.evaluate(() => {
    const main = getComputedStyle(document.querySelector('main'));
    return { sheets: document.styleSheets.length, display: main.display, card: getComputedStyle(document.querySelector('.card')).borderRadius };
  });
  assert.deepEqual(await styled(embed.p.page), { sheets: 1, display: 'grid', card: '10px' });
  await embed.p.done();

  const page = await load(`#${SCENARIO}`);
  assert.deepEqual(page.wasm, ['/lambda-cost-calculator']);
  assert.deepEqual(page.css, ['/calculator']);
  assert.equal(await page.p.page.evaluate(() => getComputedStyle(document.querySelector('.layout')).display), 'grid');
  await expectTotal(page.p.page, embed.total);
  await page.p.done();
});

// The comparison of ways to run it (its core, the instance table, its chart) is in a
// bundle of its own, fetched for `chart=compute` only: every other embed leaves it out.
test('an embed of the comparison of ways to run it fetches its own bundle, and a host changing to it gets it', async () => {
  const bundles = (p) => [...new Set(p.requests.filter((u) => u.endsWith('.wasm'))
    .map((u) => new URL(u).pathname.replace(/-[0-9a-f]{1,16}_bg\.wasm$/, '')))];
  const compute = await load(`#${SCENARIO}&embed=1&chart=compute`);
  assert.deepEqual(compute.wasm, ['/embed-compute']);
  await compute.p.page.waitForSelector('[data-testid="chart-compute"][data-draws]');
  assert.match(await compute.p.page.textContent('[data-testid="compute-comparison"]'), /is the cheapest way to run this workload/);
  await compute.p.done();

  // `chart=compute` then another chart: the last pair counts, as the app reads it.
  const memory = await load(`#${SCENARIO}&embed=1&chart=compute&chart=memory`);
  assert.deepEqual(memory.wasm, ['/embed']);
  await memory.p.page.waitForSelector('[data-testid="chart-memory"]');
  // The host changes the fragment to that chart: the page loads again, with that bundle.
  await memory.p.page.evaluate((h) => { location.hash = h; }, `#${SCENARIO}&embed=1&chart=compute`);
  await memory.p.page.waitForSelector('[data-testid="chart-compute"][data-draws]');
  await expectTotal(memory.p.page, compute.total);
  assert.deepEqual(bundles(memory.p), ['/embed', '/embed-compute']);
  assert.equal(await memory.p.page.evaluate(() => location.hash), `#${SCENARIO}&embed=1&chart=compute`);
  await memory.p.done();
});

// A link's Power Tuning runs (drawn on the memory chart) are in a bundle of their own, and
// in the comparison's: the small one leaves their decoder and analysis out. The loader
// reads keys percent-decoded, as the app does.
test('an embed of a link with Power Tuning runs fetches the bundle that draws them, and a host adding runs gets it', async () => {
  const run = encodeURIComponent('gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=');
  // What the memory chart says it shows (its canvas's label for screen readers).
  const label = '[data-testid="chart-memory"]';
  const note = (p) => p.page.waitForFunction((sel) => document.querySelector(sel)?.ariaLabel.includes('measured by Power Tuning'), label)
    .then(() => p.page.getAttribute(label, 'aria-label'));
  const bundles = (p) => [...new Set(p.requests.filter((u) => u.endsWith('.wasm'))
    .map((u) => new URL(u).pathname.replace(/-[0-9a-f]{1,16}_bg\.wasm$/, '')))];
  const runs = await load(`#${SCENARIO}&embed=1&p%74=${run}`);
  assert.deepEqual(runs.wasm, ['/embed-runs']);
  assert.match(await note(runs.p), /Monthly cost and duration against memory .* 5 sizes measured by Power Tuning on x86_64\.$/);
  // The host asks for the comparison of ways to run it: the bundle with both.
  await runs.p.page.evaluate((h) => { location.hash = h; }, `#${SCENARIO}&embed=1&p%74=${run}&chart=compute`);
  await runs.p.page.waitForSelector('[data-testid="chart-compute"][data-draws]');
  assert.deepEqual(bundles(runs.p), ['/embed-runs', '/embed-compute']);
  await runs.p.done();

  const plain = await load(`#${SCENARIO}&embed=1`);
  assert.deepEqual(plain.wasm, ['/embed']);
  await plain.p.page.waitForSelector(label);
  assert.doesNotMatch(await plain.p.page.getAttribute(label, 'aria-label'), /measured/);
  await plain.p.page.evaluate((h) => { location.hash = h; }, `#${SCENARIO}&embed=1&pt=${run}`);
  assert.match(await note(plain.p), /5 sizes measured by Power Tuning on x86_64\.$/);
  assert.deepEqual(bundles(plain.p), ['/embed', '/embed-runs']);
  await expectTotal(plain.p.page, runs.total);
  await plain.p.done();
});

test('embed=1 then embed=0 in one link opens the calculator, as the app reads it', async () => {
  const { p, wasm } = await load(`#${SCENARIO}&embed=1&embed=0`);
  assert.deepEqual(wasm, ['/lambda-cost-calculator']);
  assert.equal(await p.page.locator('#memory').count(), 1, 'the form is there');
  await p.done();
});

test('the module and its Wasm are fetched while the stylesheet is still loading', async () => {
  const p = await openPage(site.browser);
  const started = {};
  p.page.on('request', (r) => {
    const kind = new URL(r.url()).pathname.split('.').pop();
    started[kind] ??= Date.now();
  });
  // A slow stylesheet: a loader placed after it would wait for it before fetching anything.
  let cssDone = 0;
  await p.page.route('**/*.css', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    cssDone = Date.now();
    await route.continue();
  });
  await p.page.goto(`${site.server.url}#${SCENARIO}`);
  await waitForApp(p.page);
  assert.ok(started.js && started.wasm && cssDone, `requests seen: ${JSON.stringify(started)}`);
  assert.ok(started.js < cssDone && started.wasm < cssDone,
    `module fetched ${cssDone - started.js} ms and Wasm ${cssDone - started.wasm} ms before the stylesheet arrived; both must start before it`);
  await p.done();
});

// Each page with its Wasm and what it shows once its app runs.
const PAGES = [
  { path: `#${SCENARIO}`, wasm: 'lambda-cost-calculator', ready: '[data-testid="monthly-total"]' },
  { path: `#${SCENARIO}&embed=1`, wasm: 'embed', ready: '[data-testid="monthly-total"]' },
  { path: 'fleet.html', wasm: 'fleet', ready: '[data-testid="fleet-file"]' },
];

// Each file a page runs, served with one change, as a tampering host or a corrupted cache
// would: a space of the module's indentation made a tab (harmless code, so only its digest
// can refuse it), a byte of the Wasm flipped.
const TAMPERED = [
  { file: 'module (JS)', pattern: (bundle) => new RegExp(`/${bundle}-[0-9a-f]+\\.js$`), change: indentWithTab },
  { file: 'Wasm file', pattern: (bundle) => `**/${bundle}-*_bg.wasm`, change: flipNearEnd },
];

for (const { path, wasm, ready } of PAGES) {
  for (const { file, pattern, change } of TAMPERED) {
    test(`${wasm}: a ${file} that does not match its integrity digest never runs, and the console says why`, async () => {
      const p = await openPage(site.browser);
      const served = await serveTampered(p.page, pattern(wasm), change);
      await p.page.goto(`${site.server.url}${path}`);
      await p.page.waitForTimeout(1500);
      assert.ok(served.count > 0, 'the tampered file was served');
      assert.equal(await p.page.locator(ready).count(), 0, 'the app must not start on tampered code');
      assert.ok(p.errors.some((e) => /integrity/i.test(e)), `errors: ${p.errors.join(' | ')}`);
      p.errors.length = 0;
      await p.done();

      // The same page with the file as built starts.
      const fine = await openPage(site.browser);
      await fine.page.goto(`${site.server.url}${path}`);
      await fine.page.waitForSelector(ready, { timeout: 20_000 });
      await fine.done();
    });
  }
}
