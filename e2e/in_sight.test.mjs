// Issue 11, "the answer in sight on every path": on a phone the total stays in view while
// the form is edited; a link with Power Tuning runs opens on their picks; the keyboard
// reaches what the eye does. Screenshots are named after the view; SHOT_SUFFIX (e.g.
// "-before", with E2E_DIST pointing at an older build) keeps a before/after pair apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, ROOT, useSite, waitForApp } from './helpers.mjs';

const OUT = join(ROOT, 'e2e', 'screenshots');
const SUFFIX = process.env.SHOT_SUFFIX ?? '';
const site = useSite({ outDir: OUT });
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const shot = (page, name, options = {}) =>
  page.screenshot({ path: join(OUT, `${name}${SUFFIX}.png`), ...options });

/** Whether the element's box lies wholly inside the viewport as it is scrolled now. */
async function inViewport(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
      r.bottom <= window.innerHeight && r.right <= window.innerWidth;
  }, selector);
}

async function open(options, hash = '') {
  const p = await openPage(site.browser, options);
  await p.page.goto(`${site.server.url}${hash}`);
  await waitForApp(p.page);
  return p;
}

test('phone: the total is on the first screen and stays in sight while a lower field is edited', async () => {
  const p = await open(PHONE);
  const { page } = p;
  const BAR = '[data-testid="summary-total"]';
  await shot(page, 'phone-first-screen');
  assert.ok(await inViewport(page, BAR), 'the monthly total is not on the first screen');
  const before = (await page.textContent(BAR)).trim();
  assert.equal(before, (await page.textContent('[data-testid="monthly-total"]')).trim());

  // Provisioned concurrency sits at the bottom of the form, far below the first screen.
  const field = page.locator('#pc');
  await field.scrollIntoViewIfNeeded();
  assert.ok((await field.boundingBox()).y > 0, 'the field is on screen');
  assert.ok(await page.evaluate(() => window.scrollY) > 800, 'the field is well down the form');
  await field.fill('');
  await field.pressSequentially('2');
  await page.waitForFunction(
    ([sel, was]) => document.querySelector(sel)?.textContent.trim() !== was,
    [BAR, before],
    { timeout: 5_000 },
  );
  const after = (await page.textContent(BAR)).trim();
  assert.match(after, /^\$[\d,]+\.\d{2}$/);
  assert.equal(after, (await page.textContent('[data-testid="monthly-total"]')).trim());
  assert.ok(await inViewport(page, BAR), 'the total left the screen while the field was edited');
  assert.ok(await inViewport(page, '#pc'), 'the bar covers the field being edited');
  const change = (await page.textContent('[data-testid="summary-change"]')).trim();
  assert.match(change, /^\+\$[\d,]+\.\d{2} after the last edit$/);
  await shot(page, 'phone-summary-bar');

  // The bar jumps to the bill.
  await page.click('[data-testid="summary-bar"]');
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="monthly-total"]').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, null, { timeout: 5_000 });
  await p.done();
});

// Issue #251 of aws-lambda-power-tuning: 128..2048 MB, x86_64, 1 ms billing.
const HASH = 'gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=';

for (const [name, options, hash] of [
  ['desktop', DESKTOP, `#v=1&pt=${encodeURIComponent(HASH)}`],
  ['phone', PHONE, `#${HASH}`],
]) {
  test(`${name}: a link with Power Tuning runs opens on their picks (${hash.slice(0, 8)}…)`, async () => {
    const p = await open(options, hash);
    const { page } = p;
    const PICKS = '[data-testid="tuning-picks"]';
    await shot(page, `${name}-tuning-picks`);
    await page.waitForSelector(PICKS, { timeout: 5_000 });
    assert.ok(await inViewport(page, PICKS), 'the picks are not on the first screen');
    const text = (await page.textContent(PICKS)).replace(/\s+/g, ' ');
    assert.match(text, /This link carries a Power Tuning run/);
    for (const pick of ['Cheapest', 'Fastest', 'Balanced']) {
      assert.match(text, new RegExp(`${pick}[^$]*[\\d,]+ MB · [\\d,.]+ ms · \\$[\\d,]+\\.\\d{2} / month`), text);
    }
    // The summary agrees with the section below it.
    for (const [pick, key] of [['cost', 'cost'], ['speed', 'speed'], ['balanced', 'balanced']]) {
      const above = (await page.textContent(`${PICKS} [data-pick="${pick}"] strong`)).trim();
      const below = (await page.textContent(`[data-testid="pt-pick"][data-picks~="${key}"] .pt-pick-mb`)).trim();
      assert.equal(above, below, pick);
    }
    // Nothing was reset silently: the runs are in the table below.
    assert.equal(await page.locator('[data-testid="pt-table"] tbody tr').count(), 5);
    if (hash.startsWith(`#${HASH.slice(0, 4)}`)) {
      assert.match(await page.textContent('[data-testid="notices"]'), /Power Tuning result \(1 run\)/);
    }
    await p.done();
  });
}

test('keyboard: the memory slider stops at common sizes and says them; the box takes arrow keys', async () => {
  const p = await open(DESKTOP, '#memory=1024');
  const { page } = p;
  const slider = page.locator('#memory-slider');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.getElementById('memory').value === '1536', null, { timeout: 5_000 });
  assert.equal(await slider.getAttribute('aria-valuetext'), '1,536 MB');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.getElementById('memory').value === '1769', null, { timeout: 5_000 });
  assert.equal(await slider.getAttribute('aria-valuetext'), '1,769 MB');
  await shot(page, 'keyboard-memory-slider', { clip: { x: 0, y: 0, width: 1280, height: 800 } });

  const box = page.locator('#memory');
  await box.focus();
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.getElementById('memory').value === '2048', null, { timeout: 5_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.getElementById('memory').value === '1536', null, { timeout: 5_000 });
  assert.equal(await slider.getAttribute('aria-valuetext'), '1,536 MB');
  await page.waitForFunction(() => location.hash.includes('memory=1536'), null, { timeout: 5_000 });
  await p.done();
});

test('keyboard: a skip link jumps from the top to the results; Tab follows the layout', async () => {
  const p = await open(PHONE);
  const { page } = p;
  const hash = await page.evaluate(() => location.hash);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to the results');
  await shot(page, 'keyboard-skip-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'results', null, { timeout: 5_000 });
  assert.ok(await inViewport(page, '[data-testid="monthly-total"]'), 'the total is not in view after the skip link');
  // The fragment holds the scenario: the jump must not write into it.
  assert.equal(await page.evaluate(() => location.hash), hash);

  // From the top, each Tab stop lies at or below the one before it (one column on a phone).
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.reload();
  await waitForApp(page);
  let last = -Infinity;
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const { top, name } = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      // The sticky bar is drawn over the page wherever it is scrolled: its place is its slot.
      const fixed = el.closest('.summary-bar') || el.classList.contains('skip-link');
      return { top: fixed ? -1 : r.top + window.scrollY, name: el.id || el.className || el.tagName };
    });
    if (top < 0) continue;
    seen.push(`${name}@${Math.round(top)}`);
    assert.ok(top >= last - 4, `focus went back up: ${seen.join(' → ')}`);
    last = top;
  }
  await p.done();
});

test('region search: typing never changes the scenario; no match says so; Enter picks', async () => {
  const p = await open(DESKTOP, '#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  const total = (await page.textContent('[data-testid="monthly-total"]')).trim();
  await page.fill('#region-search', 'zurich');
  await page.waitForTimeout(400);
  assert.equal(await page.inputValue('#region'), 'us-east-1', 'a single match was chosen while typing');
  assert.equal((await page.textContent('[data-testid="monthly-total"]')).trim(), total);
  assert.match(await page.textContent('[data-testid="region-search-status"]'), /1 region matches; Enter picks/);
  await page.fill('#region-search', 'atlantis');
  assert.match(await page.textContent('[data-testid="region-search-status"]'), /No region matches "atlantis"/);
  await shot(page, 'region-search-no-match', { clip: { x: 0, y: 0, width: 1280, height: 500 } });
  assert.equal(await page.inputValue('#region'), 'us-east-1');
  await page.fill('#region-search', 'zurich');
  await page.press('#region-search', 'Enter');
  await page.waitForFunction(() => document.getElementById('region').value === 'eu-central-2', null, { timeout: 5_000 });
  await page.waitForFunction(() => location.hash.includes('region=eu-central-2'), null, { timeout: 5_000 });
  await p.done();
});
