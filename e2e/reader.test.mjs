// The Power Tuning reader is its own Wasm module, loaded on first use (issue 13): the
// calculator page does not fetch it at start, a paste or a bare Power Tuning hash in the
// link does, checked against its digest; while it loads the total is already there, and a
// reader that cannot load says so next to the paste box and loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchedOnce, flipNearEnd, holdFiles, indentWithTab, openPage, ROOT, serveTampered, totalText, useSite, waitForApp } from './helpers.mjs';

const site = useSite();
// Issue #251 of aws-lambda-power-tuning: 128..2048 MB, x86_64.
const HASH = 'gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=';
const ROWS = '[data-testid="pt-table"] tbody tr';
const READER = /power-tuning-reader-[0-9a-f]+(_bg\.wasm|\.js)$/;
const WASM = '**/power-tuning-reader-*_bg.wasm';
const LMI = JSON.parse(readFileSync(join(ROOT, 'tests', 'data', 'power-tuning', 'output-lmi-combined.json'), 'utf8'));

/** The reader's files the page (or its service worker) fetched, each once. */
const readerFetches = (p) => fetchedOnce(p, READER);

/** Serves the reader's Wasm with one byte changed, as a tampering host would. */
const tamperReader = (page) => serveTampered(page, WASM, flipNearEnd);

/** Holds the reader's Wasm until `release()`, as a slow network would. */
const holdReader = (page) => holdFiles(page, WASM);

test('the reader is fetched on first use, not with the page', async () => {
  const p = await openPage(site.browser);
  await p.page.goto(site.server.url);
  await waitForApp(p.page);
  await p.page.waitForLoadState('networkidle');
  assert.deepEqual(readerFetches(p), [], 'the page alone fetches no reader');

  // Focusing the paste box starts loading it, so the paste is read at once.
  await p.page.focus('#pt-paste');
  await p.page.waitForFunction(() => typeof window.powerTuningReader === 'function');
  await p.page.waitForLoadState('networkidle');
  assert.equal(readerFetches(p).length, 2, `fetched: ${readerFetches(p).join(', ')}`);

  await p.page.fill('#pt-paste', `https://lambda-power-tuning.show/#${HASH}`);
  await p.page.click('#pt-add');
  await p.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, ROWS);
  assert.equal(await p.page.locator('#pt-add').textContent(), 'Add run');
  // A second paste uses the module already running.
  await p.page.fill('#pt-paste', 'nonsense');
  await p.page.click('#pt-add');
  await p.page.waitForSelector('#pt-paste-error');
  assert.match(await p.page.textContent('#pt-paste-error'), /not Power Tuning output/);
  assert.equal(readerFetches(p).length, 2, 'the reader is fetched once');
  await p.done();
});

test('a bare hash in the link opens its runs once the reader has read it; the total does not wait', async () => {
  // No service worker: its fetches would bypass the page's routes.
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  // A slow reader: the bill is priced before it arrives.
  const release = await holdReader(p.page);
  await p.page.goto(`${site.server.url}#${HASH}`);
  const total = await waitForApp(p.page);
  assert.equal(await p.page.locator(ROWS).count(), 0, 'no runs before the reader has read them');
  assert.ok(p.page.url().endsWith(`#${HASH}`), `the hash stays in the address while it is read: ${p.page.url()}`);
  release();
  await p.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, ROWS);
  assert.equal(await totalText(p.page), total, 'priced at the default workload');
  assert.match(await p.page.textContent('[data-testid="tuning-picks"] h2'), /This link carries a Power Tuning run/);
  assert.match(await p.page.textContent('[data-testid="notices"]'), /This link is a Power Tuning result \(1 run\)/);
  // The address becomes the scenario's link, runs included.
  await p.page.waitForFunction(() => location.hash.includes('pt='));
  await p.done();
});

test("a bare combined visualization hash opens its Lambda Managed Instances runs", async () => {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 800 } });
  const hash = LMI.stateMachine.combinedVisualization.split('#')[1];
  await p.page.goto(`${site.server.url}#${hash}`);
  await waitForApp(p.page);
  await p.page.waitForSelector('[data-testid="lmi-runs"]');
  assert.match(await p.page.textContent('[data-testid="lmi-runs"]'), /c8g\.xlarge/);
  await p.page.waitForFunction(() => location.hash.includes('ptl='));
  assert.match(await p.page.textContent('[data-testid="notices"]'), /This link is a Power Tuning result/);
  await p.done();
});

test('a reader that cannot load says so, keeps the link, and the next paste tries again', async () => {
  const p = await openPage(site.browser, { serviceWorkers: 'block' });
  await tamperReader(p.page);
  await p.page.goto(`${site.server.url}#${HASH}`);
  await waitForApp(p.page);
  await p.page.waitForFunction(() => /reader could not read it/.test(document.querySelector('[data-testid="notices"]')?.textContent ?? ''));
  assert.match(await p.page.textContent('[data-testid="notices"]'), /This link is a Power Tuning result, but .*reload the page to try again/);
  await p.page.waitForTimeout(400);
  assert.ok(p.page.url().endsWith(`#${HASH}`), `the link is kept: ${p.page.url()}`);
  assert.ok(p.errors.some((e) => /integrity/i.test(e)), `errors: ${p.errors.join(' | ')}`);

  await p.page.fill('#pt-paste', HASH);
  await p.page.click('#pt-add');
  await p.page.waitForSelector('#pt-paste-error');
  assert.match(await p.page.textContent('#pt-paste-error'), /reader could not be loaded/);
  assert.equal(await p.page.inputValue('#pt-paste'), HASH, 'the paste stays in the box');

  // The file as built: the same paste now goes through.
  await p.page.unroute(WASM);
  await p.page.click('#pt-add');
  await p.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, ROWS);
  assert.equal(await p.page.locator('#pt-paste-error').count(), 0);
  p.errors.length = 0;
  await p.done();
});

test('a paste is read once however often Add is pressed, and what is typed meanwhile stays', async () => {
  const p = await openPage(site.browser, { serviceWorkers: 'block' });
  const release = await holdReader(p.page);
  await p.page.goto(site.server.url);
  await waitForApp(p.page);
  await p.page.fill('#pt-paste', HASH);
  await p.page.click('#pt-add');
  assert.equal(await p.page.textContent('#pt-add'), 'Reading…');
  assert.equal(await p.page.getAttribute('#pt-add', 'aria-disabled'), 'true');
  // Pressed again while it reads (the button says it is busy, so force the click).
  await p.page.click('#pt-add', { force: true });
  await p.page.focus('#pt-paste');
  await p.page.keyboard.press('Control+Enter');
  // The label typed while the paste is read is for the next one.
  await p.page.fill('#pt-label', 'next one');
  release();
  await p.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, ROWS);
  await p.page.waitForTimeout(300);
  assert.equal(await p.page.locator(ROWS).count(), 5, 'one run of five sizes, added once');
  assert.equal(await p.page.inputValue('#pt-paste'), '', 'the paste read is cleared');
  assert.equal(await p.page.inputValue('#pt-label'), 'next one', 'what was typed meanwhile stays');
  assert.equal(await p.page.textContent('#pt-add'), 'Add run');
  await p.done();
});

test('a reader module that fails its digest never runs, and the next paste loads it afresh', async () => {
  const p = await openPage(site.browser, { serviceWorkers: 'block' });
  // The module (JS) with one space changed: its digest does not match.
  await serveTampered(p.page, /power-tuning-reader-[0-9a-f]+\.js$/, indentWithTab);
  await p.page.goto(site.server.url);
  await waitForApp(p.page);
  await p.page.fill('#pt-paste', HASH);
  await p.page.click('#pt-add');
  await p.page.waitForSelector('#pt-paste-error');
  assert.match(await p.page.textContent('#pt-paste-error'), /reader could not be loaded/);
  assert.ok(p.errors.some((e) => /integrity/i.test(e)), `errors: ${p.errors.join(' | ')}`);
  p.errors.length = 0;
  assert.equal(await p.page.locator(ROWS).count(), 0, 'the tampered module did not read the paste');
  await p.page.unroute(/power-tuning-reader-[0-9a-f]+\.js$/);
  await p.page.click('#pt-add');
  await p.page.waitForFunction((sel) => document.querySelectorAll(sel).length === 5, ROWS);
  await p.done();
});

test('a link opened while the page\'s hash is read wins over the hash', async () => {
  const p = await openPage(site.browser, { serviceWorkers: 'block' });
  const release = await holdReader(p.page);
  await p.page.goto(`${site.server.url}#${HASH}`);
  await waitForApp(p.page);
  await p.page.evaluate(() => { location.hash = 'memory=1024&duration=2000&requests=7440000'; });
  await p.page.waitForFunction(() => document.querySelector('#memory')?.value === '1024');
  release();
  await p.page.waitForTimeout(800);
  assert.equal(await p.page.locator(ROWS).count(), 0, 'the older hash opened no runs');
  assert.equal(await p.page.inputValue('#memory'), '1024');
  assert.ok(!/pt=/.test(p.page.url()), p.page.url());
  await p.done();
});
