// Sharing and comparing: "Copy link" (Clipboard API, and the field to copy by hand when
// it is missing or refused), pinned scenarios side by side and in the link, hostile pin
// labels, and the notice a newer or broken link opens with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expectTotal, openPage, ROOT, useSite, waitForApp } from './helpers.mjs';

const OUT = join(ROOT, 'e2e', 'screenshots');
// AWS's telemetry example: $249.49 on x86_64, $199.89 on arm64.
const TELEMETRY = '#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000';
const HOSTILE = '<img src=x onerror=alert(1)>';
const STATUS = '[data-testid="share-status"]';

const site = useSite({ outDir: OUT });

/** Opens the app at `hash`; `init` runs in the page before its own scripts. */
async function app(hash = '', options = {}, init) {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 }, ...options });
  if (init) await p.page.addInitScript(init);
  p.dialogs = [];
  p.page.on('dialog', (d) => {
    p.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await p.page.goto(site.server.url + hash);
  await waitForApp(p.page);
  const hygiene = p.done;
  p.done = async () => {
    assert.deepEqual(p.dialogs, [], 'no dialog may open');
    await hygiene();
  };
  return p;
}

const texts = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));
const values = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.value ?? e.textContent.trim()));

async function pin(page, label) {
  const before = await page.locator('[data-testid="compare-total"]').count();
  await page.fill('#pin-label', label);
  await page.click('#pin-add');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="compare-total"]').length > n, before);
}

test('Copy link copies the current scenario and says so for about 2 s', async () => {
  const p = await app(TELEMETRY);
  const { page, context } = p;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.server.url).origin });
  // Copied straight after typing: the link comes from the scenario, not from the address
  // bar (written only once typing pauses).
  await page.fill('#memory', '2048');
  await page.click('[data-testid="copy-link"]');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === 'Link copied', STATUS);
  assert.equal(await page.getAttribute(STATUS, 'aria-live'), 'polite');
  assert.equal(await page.getAttribute(STATUS, 'role'), 'status');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${site.server.url}#v=1&region=us-east-1&arch=x86_64&memory=2048&duration=2000&requests=7440000`);
  const t0 = Date.now();
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === '', STATUS, { timeout: 5_000 });
  const shown = Date.now() - t0;
  assert.ok(shown > 1_000 && shown < 3_500, `confirmation shown for ${shown} ms`);

  // The copied link opens the same scenario.
  await page.goto(copied);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.inputValue('#memory'), '2048');
  await p.done();
});

for (const [name, init] of [
  ['missing', () => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true })],
  ['refused', () => {
    const refuse = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    Object.defineProperty(Clipboard.prototype, 'writeText', { value: refuse, configurable: true });
  }],
]) {
  test(`without the Clipboard API (${name}) the link is shown selected to copy by hand`, async () => {
    const p = await app(TELEMETRY, {}, init);
    const { page } = p;
    await page.click('[data-testid="copy-link"]');
    const field = page.locator('#share-link');
    await field.waitFor();
    assert.equal(await field.inputValue(), site.server.url + TELEMETRY);
    assert.notEqual(await field.getAttribute('readonly'), null);
    assert.match(await page.textContent('[data-testid="share-manual"]'), /Press Ctrl\+C \/ ⌘C to copy/);
    const selection = await page.evaluate(() => {
      const el = document.activeElement;
      return { id: el.id, start: el.selectionStart, end: el.selectionEnd, length: el.value.length };
    });
    assert.deepEqual(selection, { id: 'share-link', start: 0, end: selection.length, length: selection.length });
    assert.equal(await page.textContent(STATUS), '');
    if (name === 'missing') {
      await page.screenshot({ path: join(OUT, 'share-fallback-1280.png'), fullPage: false });
    }
    await p.done();
  });
}

test('two pinned scenarios are compared side by side and reopen from the link', async () => {
  const p = await app(TELEMETRY);
  const { page } = p;
  assert.equal(await page.locator('[data-testid="comparison"]').count(), 0);
  await pin(page, 'Today: 1024 MB x86_64');
  await page.check('#arch-arm64');
  await expectTotal(page, '$199.89');
  await pin(page, 'Proposed: 1024 MB arm64');

  const check = async () => {
    assert.deepEqual(await values(page, '[data-testid="compare-label"]'), ['Today: 1024 MB x86_64', 'Proposed: 1024 MB arm64', 'Current']);
    assert.deepEqual(await texts(page, '[data-testid="compare-total"]'), ['$249.49', '$199.89', '$199.89']);
    assert.deepEqual(await texts(page, '[data-testid="compare-diff"]'), ['baseline', '-$49.60 (-19.9 %)', '-$49.60 (-19.9 %)']);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-comparison"]')?.dataset.draws) >= 1);
  };
  await check();
  // Editing the form changes only the current column.
  await page.fill('#memory', '2048');
  // arm64, 2,048 MB: 29,760,000 GB-s at $0.0000133334 + $1.49 of requests.
  await expectTotal(page, '$398.29');
  assert.deepEqual(await texts(page, '[data-testid="compare-total"]'), ['$249.49', '$199.89', '$398.29']);
  await page.fill('#memory', '1024');
  await expectTotal(page, '$199.89');

  // The address bar is written once typing pauses: wait for the last edit to reach it.
  await page.waitForFunction(
    () => location.hash.startsWith('#v=1&region=us-east-1&arch=arm64&memory=1024&') && (location.hash.match(/&pin=/g) || []).length === 2,
    null,
    { timeout: 5_000 },
  );
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /&pin=label%3DToday:%25201024%2520MB%2520x86_64%26memory%3D1024%26duration%3D2000%26requests%3D7440000/);
  await page.reload();
  await waitForApp(page);
  await check();

  for (const [width, height, mobile] of [[1280, 900, false], [390, 844, true]]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px viewport`);
    await page.locator('[data-testid="comparison"]').screenshot({ path: join(OUT, `share-compare-${width}.png`) });
    if (!mobile) await page.screenshot({ path: join(OUT, `share-page-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Rename, load, remove.
  await page.fill('#pin-name-0', 'Before');
  await page.press('#pin-name-0', 'Tab');
  await page.waitForFunction(() => location.hash.includes('label%3DBefore'), null, { timeout: 5_000 });
  await page.click('[data-testid="pin-load"] >> nth=0');
  await expectTotal(page, '$249.49');
  assert.ok(await page.isChecked('#arch-x86_64'));
  assert.deepEqual(await texts(page, '[data-testid="compare-diff"]'), ['baseline', '-$49.60 (-19.9 %)', 'same']);
  await page.click('[data-testid="pin-remove"] >> nth=0');
  assert.deepEqual(await values(page, '[data-testid="compare-label"]'), ['Proposed: 1024 MB arm64', 'Current']);
  assert.deepEqual(await texts(page, '[data-testid="compare-diff"]'), ['baseline', '+$49.60 (+24.8 %)']);
  await p.done();
});

test('a pin labelled with HTML shows as text, in the page and after a reload', async () => {
  const p = await app(TELEMETRY, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { page } = p;
  await pin(page, HOSTILE);
  await page.check('#arch-arm64');
  await pin(page, '');
  const check = async () => {
    assert.deepEqual(await values(page, '[data-testid="compare-label"]'), [HOSTILE, '1,024 MB arm64 us-east-1', 'Current']);
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.match(await page.textContent('[data-testid="comparison"] .chart-note'), /first pin, “<img src=x onerror=alert\(1\)>”/);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-comparison"]')?.dataset.draws) >= 1);
  };
  await check();
  await page.waitForFunction(() => (location.hash.match(/&pin=/g) || []).length === 2, null, { timeout: 5_000 });
  await page.reload();
  await waitForApp(page);
  await check();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, 'share-hostile-390.png'), fullPage: true });
  await page.locator('[data-testid="share"]').screenshot({ path: join(OUT, 'share-bar-390.png') });
  await page.locator('[data-testid="comparison"]').screenshot({ path: join(OUT, 'share-hostile-compare-390.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  await p.done();
});

test('a link from a newer version opens with a notice of what was ignored', async () => {
  const p = await app('#v=2&memory=256&future=1');
  const { page } = p;
  assert.equal(await page.inputValue('#memory'), '256');
  const notice = page.locator('[data-testid="notice"]');
  assert.equal(await notice.count(), 1);
  assert.match(await notice.textContent(), /newer version of the calculator \(v=2\); settings this version does not know were ignored: future\./);
  assert.equal(await page.getAttribute('[data-testid="notices"]', 'role'), 'status');
  await page.screenshot({ path: join(OUT, 'share-notice-1280.png') });
  await page.click('.notice-dismiss');
  assert.equal(await notice.count(), 0);
  await p.done();
});

test('a link that cannot be opened says why and opens the default scenario', async () => {
  const p = await app('#memory=64&duration=5');
  const { page } = p;
  await expectTotal(page, '$0.41');
  assert.match(await page.textContent('[data-testid="notice"]'), /could not be opened \(memory: must be between 128 MB and 10,240 MB\)/);
  // A pin beyond the fourth is dropped with a notice, a bad pin names its position.
  const pins = Array.from({ length: 5 }, (_, i) => `pin=memory%3D${200 + i}`).join('&');
  await page.evaluate((h) => { location.hash = h; }, `#memory=256&${pins}`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-total"]').length === 5);
  assert.match(await page.textContent('[data-testid="notices"]'), /pins 5 scenarios; only the first 4 were opened/);
  await page.evaluate(() => { location.hash = '#pin=memory%3D200&pin=memory%3D20'; });
  await page.waitForFunction(() => /pin: pinned scenario 2: memory: must be between/.test(document.querySelector('[data-testid="notices"]').textContent));
  await p.done();
});
