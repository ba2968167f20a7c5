// Issue 11, "the answer in sight on every path": on a phone the total stays in view while
// the form is edited; a link with Power Tuning runs opens on their picks; the keyboard
// reaches what the eye does. Screenshots are named after the view; SHOT_SUFFIX (e.g.
// "-before", with E2E_DIST pointing at an older build) keeps a before/after pair apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { decodePng, download, openPage, ROOT, useSite, waitForApp } from './helpers.mjs';

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
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to the results');
  await shot(page, 'keyboard-skip-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'results', null, { timeout: 5_000 });
  assert.ok(await inViewport(page, '[data-testid="monthly-total"]'), 'the total is not in view after the skip link');
  // The fragment holds the scenario: the jump must not write into it (no `#results`).
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^(#v=1&[^#]*)?$/);
  assert.ok(!hash.includes('results'), hash);

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

/** Power Tuning output JSON whose prices are `per_ms` at 128 MB x memory share x billed ms. */
function output(perMs128) {
  const stats = [[128, 1000], [512, 300], [2048, 100]].map(([value, averageDuration]) => ({
    value,
    averageDuration,
    averagePrice: perMs128 * (value / 128) * averageDuration,
  }));
  return JSON.stringify({ power: 128, cost: stats[0].averagePrice, duration: 1000, stats });
}

/** Whether a select shows its chosen option's whole text (measured in the select's font). */
async function selectShowsWholeText(page, selector) {
  return page.$eval(selector, (el) => {
    const span = document.createElement('span');
    span.style.font = getComputedStyle(el).font;
    span.style.whiteSpace = 'pre';
    span.textContent = el.options[el.selectedIndex].text;
    document.body.append(span);
    const text = span.getBoundingClientRect().width;
    span.remove();
    const cs = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return text <= room + 0.5;
  });
}

for (const [name, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`${name}: Power Tuning's price rounding is explained once; a run's architecture is told or asked`, async () => {
    // The form says arm64; the run's prices are Power Tuning's rounded x86_64 price.
    const p = await open(options, '#v=1&region=us-east-1&arch=arm64&memory=1024&duration=1000&requests=1000000');
    const { page } = p;
    await page.fill('#pt-paste', output(2.1e-9));
    await page.click('#pt-add');
    await page.waitForSelector('[data-testid="pt-table"] tbody tr', { timeout: 5_000 });
    await page.locator('[data-testid="power-tuning"]').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="power-tuning"]').screenshot({ path: join(OUT, `${name}-tuning-pricing${SUFFIX}.png`) });
    assert.equal(await page.locator('[data-testid="pt-table"] .badge.warn').count(), 0, 'rows flagged for Power Tuning\'s own rounding');
    assert.equal(await page.locator('[data-testid="pt-disagreements"]').count(), 0);
    const section = (await page.textContent('[data-testid="power-tuning"]')).replace(/\s+/g, ' ');
    assert.equal(section.match(/rounded 2\.1e-9 USD per ms at 128 MB/g)?.length, 1, 'explained once');
    assert.match(await page.textContent('[data-testid="pt-run-arch-note"]'), /Priced as x86_64: its prices per ms are x86_64's/);
    assert.match(section, /priced as x86_64 in us-east-1/);
    assert.ok(await selectShowsWholeText(page, '[data-testid="pt-run-arch"]'), 'the architecture selector cuts its text');

    // Prices of neither architecture: priced as the form's, and the selector asks.
    await page.click('button[aria-label^="Remove run 1"]');
    await page.fill('#pt-paste', output(6.3e-9));
    await page.click('#pt-add');
    await page.waitForSelector('[data-testid="pt-run-arch-note"]', { timeout: 5_000 });
    assert.match(await page.textContent('[data-testid="pt-run-arch-note"]'), /Priced as arm64 \(the form's\): its prices do not say\. Choose/);
    assert.match(await page.$eval('[data-testid="pt-run-arch"]', (el) => el.options[el.selectedIndex].text), /^not known \(priced as arm64\)$/);
    assert.ok(await selectShowsWholeText(page, '[data-testid="pt-run-arch"]'), 'the architecture selector cuts its text');
    // Beyond the rounding, rows are flagged.
    assert.equal(await page.locator('[data-testid="pt-table"] .badge.warn').count(), 3);
    await page.locator('.pt-runs').screenshot({ path: join(OUT, `${name}-tuning-run-arch${SUFFIX}.png`) });
    await p.done();
  });
}

test("exports stand alone: the bill's Markdown ends with a full link; the runs' CSV has bills and picks", async () => {
  const scenario = '#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=1000&requests=1000000';
  const p = await open(DESKTOP, scenario);
  const { page } = p;
  const md = await download(page, 'export-bill-md');
  const last = md.text.trimEnd().split('\n').at(-1);
  const url = last.match(/\]\((https?:[^)]+)\)$/)?.[1];
  assert.ok(url, `the Markdown ends with a link: ${last}`);
  assert.equal(new URL(url).origin, new URL(site.server.url).origin);
  assert.ok(url.endsWith(scenario), url);

  await page.fill('#pt-paste', output(2.1e-9));
  await page.click('#pt-add');
  await page.waitForSelector('[data-testid="export-tuning-priced-csv"]', { timeout: 5_000 });
  const csv = await download(page, 'export-tuning-priced-csv');
  const rows = csv.text.trimEnd().split('\r\n').map((r) => r.split(','));
  assert.deepEqual(rows[0], ['label', 'arch', 'memory_mb', 'duration_ms', 'cost_per_invocation', 'cost_per_million', 'currency', 'monthly_usd', 'picks']);
  // Each row's bill and picks are the ones the table shows.
  const shown = await page.$$eval('[data-testid="pt-table"] tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ')));
  assert.equal(rows.length - 1, shown.length);
  for (const [i, row] of rows.slice(1).entries()) {
    assert.ok(shown[i].includes(`$${Number(row[7]).toFixed(2)}`), `${row} vs ${shown[i]}`);
  }
  assert.deepEqual(rows.slice(1).map((r) => [r[2], r[8]]), [['128', 'lowest_bill cost'], ['512', 'balanced'], ['2048', 'speed']]);
  await p.done();
});

/**
 * Scrolls `scroller` to its left end, then its right end, and checks that every cell
 * matching `cells` lies within the viewport and the scroller's box each time. Returns
 * the number of cells; a screenshot of the scroller at each end is named after `shotName`.
 */
async function assertInSightWhileScrolling(page, cells, scroller, shotName) {
  const box = page.locator(scroller);
  await box.scrollIntoViewIfNeeded();
  let count = 0;
  for (const x of [0, 10_000]) {
    await box.evaluate((el, left) => { el.scrollLeft = left; }, x);
    const seen = await page.$$eval(cells, (all, sel) => all.map((c) => {
      const r = c.getBoundingClientRect();
      const b = c.closest(sel).getBoundingClientRect();
      return r.left >= Math.max(0, b.left) - 1 && r.right <= Math.min(window.innerWidth, b.right) + 1;
    }), scroller);
    await box.screenshot({ path: join(OUT, `${shotName}-${x ? 'scrolled' : 'start'}${SUFFIX}.png`) });
    assert.ok(seen.every(Boolean), `${cells} out of sight at scrollLeft ${x}: ${seen}`);
    count = seen.length;
  }
  return count;
}

test('phone: the Power Tuning table keeps the monthly bill in sight while it scrolls sideways', async () => {
  const p = await open(PHONE, `#v=1&pt=${encodeURIComponent(HASH)}`);
  const n = await assertInSightWhileScrolling(p.page, '[data-testid="pt-table"] .pt-monthly', '.pt-table-wrap', 'phone-tuning-table');
  assert.equal(n, 6, 'the heading and 5 rows');
  await p.done();
});

for (const [name, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`${name}: with four pins the comparison keeps the current column in sight`, async () => {
    const pins = ['512', '1536', '2048', '3008'].map((m) => `pin=memory%3D${m}%26label%3DPinned%2520at%2520${m}%2520MB`).join('&');
    const p = await open(options, `#v=1&memory=1024&${pins}`);
    const n = await assertInSightWhileScrolling(p.page, '.compare-table .current', '.compare-scroll', `${name}-compare-four-pins`);
    assert.ok(n >= 4, `current column cells: ${n}`);
    // One number format: the comparison's cost per 1M reads as the bill's does.
    const perMillion = await p.page.$$eval('.compare-table tbody tr', (trs) => trs
      .find((tr) => tr.querySelector('th')?.textContent.includes('Per 1M'))
      .querySelectorAll('td').values().map((td) => td.textContent.trim()).toArray());
    const bill = (await p.page.textContent('[data-testid="per-million"]')).replace(' per 1M invocations', '');
    assert.equal(perMillion.at(-1), bill);
    for (const cell of perMillion) assert.match(cell, /^\$(\d{1,3}(,\d{3})*\.\d{2}|0\.0\d*)$/, cell);
    await p.done();
  });
}

test("a pin's Load can be undone: the scenario it replaced comes back", async () => {
  const pins = ['512', '1536', '2048', '3008'].map((m) => `pin=memory%3D${m}`).join('&');
  const p = await open(DESKTOP, `#v=1&memory=1000&duration=321&${pins}`);
  const { page } = p;
  const before = (await page.textContent('[data-testid="monthly-total"]')).trim();
  await page.locator('[data-testid="pin-load"]').first().click();
  await page.waitForFunction(() => document.getElementById('memory').value === '512', null, { timeout: 5_000 });
  await page.waitForSelector('[data-testid="undo-load"]', { timeout: 5_000 });
  await shot(page, 'pin-load-undo', { clip: { x: 0, y: 0, width: 1280, height: 400 } });
  await page.click('[data-testid="undo-load"] button');
  await page.waitForFunction(() => document.getElementById('memory').value === '1000', null, { timeout: 5_000 });
  assert.equal(await page.inputValue('#duration'), '321');
  assert.equal((await page.textContent('[data-testid="monthly-total"]')).trim(), before);
  assert.equal(await page.locator('[data-testid="undo-load"]').count(), 0);
  assert.equal(await page.locator('[data-testid="pin-load"]').count(), 4, 'the pins stay');
  await p.done();
});

test('paste errors speak plainly; a link with an empty three-part hash says so', async () => {
  const p = await open(DESKTOP);
  const { page } = p;
  await page.fill('#pt-paste', 'hello world');
  await page.click('#pt-add');
  await page.waitForSelector('#pt-paste-error', { timeout: 5_000 });
  assert.match(await page.textContent('#pt-paste-error'), /^This is not Power Tuning output or a visualization link: /);
  // Plain words: no code quoted with backticks, in any paste error.
  for (const paste of ['hello world', 'AQACAAMA;AAAAQAAAAEAAAIA/', 'https://lambda-power-tuning.show/', '{"hello": 1}', '{"results": {"x": 1}}']) {
    await page.fill('#pt-paste', paste);
    await page.click('#pt-add');
    await page.waitForSelector('#pt-paste-error', { timeout: 5_000 });
    const text = await page.textContent('#pt-paste-error');
    assert.doesNotMatch(text, /`/, `${paste}: ${text}`);
  }
  await page.fill('#pt-paste', 'AQACAAMA;;');
  await page.click('#pt-add');
  await page.waitForSelector('#pt-paste-error', { timeout: 5_000 });
  assert.match(await page.textContent('#pt-paste-error'), /The hash has 3 parts, but part 2 \(durations\) and part 3 \(costs\) are empty/);
  await p.done();

  // A bare hash is read by the Power Tuning reader, loaded once the page shows: its
  // notice comes when the reader answers.
  const q = await open(DESKTOP, '#;;');
  await q.page.waitForFunction(() => document.querySelector('[data-testid="notices"]')?.textContent.trim(), null, { timeout: 5_000 });
  assert.match(await q.page.textContent('[data-testid="notices"]'), /the hash has 3 parts and all of them are empty/);
  await q.done();
});

test('one number format: the bill groups thousands; the Embed dialog shows the auto-height script', async () => {
  const p = await open(DESKTOP, '#v=1&memory=1536');
  const { page } = p;
  assert.match(await page.textContent('.total-detail'), / · 1,536 MB · /);
  await page.click('[data-testid="embed-button"]');
  await page.waitForSelector('[data-testid="embed-dialog"][open]', { timeout: 5_000 });
  const script = page.locator('.embed-host pre');
  assert.ok(await script.isVisible(), 'the auto-height script is collapsed');
  assert.match(await script.textContent(), /lambda-cost:height/);
  await page.locator('[data-testid="embed-dialog"]').screenshot({ path: join(OUT, `embed-dialog${SUFFIX}.png`) });
  await p.done();
});

/** Distinct colours inside each canvas's box of a full-page PNG (CSS px = image px here). */
async function chartsInFullPage(page, name) {
  const boxes = await page.evaluate(() => [...document.querySelectorAll('canvas')]
    .filter((c) => c.getBoundingClientRect().width > 0)
    .map((c) => {
      const r = c.getBoundingClientRect();
      return { id: c.dataset.testid, x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY), w: Math.floor(r.width), h: Math.floor(r.height) };
    }));
  const png = decodePng(await shot(page, name, { fullPage: true }));
  return boxes.map(({ id, x, y, w, h }) => {
    const colours = new Set();
    for (let row = y + 2; row < Math.min(y + h - 2, png.height); row += 2) {
      for (let col = x + 2; col < Math.min(x + w - 2, png.width); col += 2) {
        colours.add(png.rgba.readUInt32BE((row * png.width + col) * 4));
      }
    }
    return { id, y, colours: colours.size };
  });
}

for (const [label, options] of [['1280', DESKTOP], ['390', PHONE]]) {
  test(`${label} px: a full-page screenshot once the page is idle shows every chart drawn, none scrolled to`, async () => {
    const p = await open(options);
    const { page } = p;
    assert.ok(await page.locator('canvas').count() >= 4, 'the page has its charts');
    // Charts off screen are drawn when the browser is next idle (a callback asked for
    // now runs after the page's own), without scrolling.
    await page.evaluate(() => new Promise((done) => requestIdleCallback(() => requestAnimationFrame(() => done()))));
    assert.equal(await page.evaluate(() => scrollY), 0);
    const charts = await chartsInFullPage(page, `full-page-charts-${label}`);
    assert.ok(charts.some((c) => c.y > (options.viewport.height)), 'some chart lies below the first screen');
    for (const c of charts) assert.ok(c.colours > 20, `${c.id} at y=${c.y} looks blank (${c.colours} colours)`);
    await p.done();
  });
}

test('before printing, every chart is drawn, even one the page has not got to yet', async () => {
  const p = await openPage(site.browser, DESKTOP);
  const { page } = p;
  // An idle time that never comes: only the print can draw the charts off screen.
  await page.addInitScript(() => { window.requestIdleCallback = () => 1; window.cancelIdleCallback = () => {}; });
  await page.goto(site.server.url);
  await waitForApp(page);
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => `${c.dataset.testid}:${c.dataset.draws}`));
  assert.ok(before.some((d) => d.endsWith(':0')), `a chart off screen waits for idle time: ${before}`);
  // Synchronously, in the beforeprint event itself: the print is laid out right after.
  const after = await page.evaluate(() => {
    dispatchEvent(new Event('beforeprint'));
    return [...document.querySelectorAll('canvas')].map((c) => `${c.dataset.testid}:${c.dataset.draws}`);
  });
  assert.ok(after.every((d) => !d.endsWith(':0')), `after beforeprint: ${after}`);
  await p.done();
});

test('without provisioned concurrency, the PC card sizes it for your traffic in words', async () => {
  const p = await open(DESKTOP, '#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  assert.equal(await page.locator('[data-testid="pc-verdict"]').count(), 0);
  const sizing = (await page.textContent('[data-testid="pc-sizing"]')).trim();
  assert.equal(sizing, 'You set no provisioned concurrency. At steady traffic, your average concurrency of 5.66 would keep 6 instances warm all month 94.4 % busy, above the 60.0 % break-even: they would save $37.63 a month against on-demand.');
  await p.done();
});

// The first frame is put on the page before Yew starts (src/ui/page_frame.rs); Yew's page
// then takes its place in the same task. What the first frame shows must not move.
test('the first frame shows the total without Yew, and nothing moves when the page takes over', async () => {
  for (const [name, options] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    // The default page, a plain link, and a link with a notice (a newer version's key) and
    // a Power Tuning run, whose summary comes above the form.
    for (const hash of ['', '#memory=1769&duration=120&requests=3000000&free=1', `#v=2&future=1&pt=${encodeURIComponent(HASH)}`]) {
      const p = await openPage(site.browser, options);
      await p.page.addInitScript(() => {
        const boxes = () => Object.fromEntries(['#bill', '.bill-table', '.app-header', '[data-testid="summary-bar"]', '[data-testid="notices"]', '[data-testid="tuning-picks"]', '.app-footer']
          .map((sel) => [sel, JSON.stringify(document.querySelector(sel)?.getBoundingClientRect())]));
        const seen = new MutationObserver(() => {
          if (!document.querySelector('[data-testid="monthly-total"]')?.textContent.trim()) return;
          seen.disconnect();
          window.first = { boxes: boxes(), frame: !!document.querySelector('[data-first-frame]'), form: !!document.querySelector('form.workload') };
        });
        seen.observe(document, { childList: true, subtree: true, characterData: true });
        window.boxes = boxes;
      });
      await p.page.goto(`${site.server.url}${hash}`);
      await waitForApp(p.page);
      const first = await p.page.evaluate(() => window.first);
      assert.equal(first.frame, true, `${name} ${hash}: the first total is the first frame's`);
      assert.equal(first.form, false, `${name} ${hash}: the first frame waits for no form`);
      assert.equal(await p.page.locator('main.app').count(), 1, `${name} ${hash}: one page`);
      assert.equal(await p.page.locator('[data-first-frame]').count(), 0);
      const now = await p.page.evaluate(() => window.boxes());
      // The footer moves down when the form and the rest of the results come; on a phone
      // the form comes above the bill, whose total the summary bar keeps in sight.
      const still = ['.app-header', '[data-testid="notices"]', '[data-testid="tuning-picks"]',
        ...(name === 'phone' ? ['[data-testid="summary-bar"]'] : ['#bill', '.bill-table'])];
      for (const sel of still) assert.equal(now[sel], first.boxes[sel], `${name} ${hash}: ${sel} moved`);
      if (hash.includes('pt=')) {
        // The notice and the runs' summary were in the first frame, and still are.
        assert.notEqual(first.boxes['[data-testid="tuning-picks"]'], undefined);
        assert.match(await p.page.textContent('[data-testid="notice"]'), /newer version of the calculator \(v=2\)/);
        assert.match(await p.page.textContent('[data-testid="tuning-picks"]'), /This link carries a Power Tuning run/);
      }
      await p.done();
    }
  }
});
