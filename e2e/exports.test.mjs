// The export files are made by a Wasm module of their own, loaded on first use (issue 13):
// the calculator page does not fetch it at start; pointing at or tabbing to an export
// button does, checked against its digest. A module that is slow to come still saves the
// file; one that cannot load, or fails its digest, never runs, says so next to the
// buttons, and the next press tries again. (e2e/export.test.mjs checks the files.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { download, fetchedOnce, flipNearEnd, holdFiles, indentWithTab, openPage, serveTampered, useSite, waitForApp } from './helpers.mjs';

const site = useSite();
const TELEMETRY = '#memory=1024&duration=2000&requests=7440000';
const MODULE = /export-files-[0-9a-f]+(_bg\.wasm|\.js)$/;
const WASM = '**/export-files-*_bg.wasm';
const JS = /export-files-[0-9a-f]+\.js$/;
const NOT_LOADED = /The exports could not be loaded \(is the network down\?\): try again/;

/** The module's files the page fetched, each once. */
const moduleFetches = (p) => fetchedOnce(p, MODULE);

// No service worker: its fetches would bypass the page's routes.
const app = (options = {}) => openPage(site.browser, { acceptDownloads: true, serviceWorkers: 'block', ...options });

async function open(p, hash = TELEMETRY) {
  await p.page.goto(site.server.url + hash);
  await waitForApp(p.page);
  await p.page.waitForSelector('[data-testid="export-memory-csv"]');
}

/** Holds the module's Wasm until `release()`, as a slow network would. */
const holdModule = (page) => holdFiles(page, WASM);

test('the exports module is fetched on first use, not with the page', async () => {
  const p = await app();
  await open(p);
  await p.page.waitForLoadState('networkidle');
  assert.deepEqual(moduleFetches(p), [], 'the page alone fetches no exports module');

  // Pointing at an export button starts loading it.
  await p.page.hover('[data-testid="export-bill-csv"]');
  await p.page.waitForFunction(() => typeof window.exportFiles === 'function');
  await p.page.waitForLoadState('networkidle');
  assert.equal(moduleFetches(p).length, 2, `fetched: ${moduleFetches(p).join(', ')}`);

  const csv = await download(p.page, 'export-bill-csv');
  assert.equal(csv.name, 'lambda-cost-bill-us-east-1-x86_64-1024MB.csv');
  // Every other file uses the module already running.
  const compute = await download(p.page, 'export-compute-csv');
  assert.equal(compute.name, 'lambda-cost-compute-comparison.csv');
  assert.match(compute.text, /^kind,option,other_option,monthly_usd,exact_usd,rps,requests_per_month\r\n/);
  const md = await download(p.page, 'export-compute-md');
  assert.equal(md.name, 'lambda-cost-compute-comparison.md');
  assert.match(md.text, /\| Way to run it \| Monthly cost \| Sizing \|/);
  assert.match(md.text, /Scenario: `#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000/);
  assert.equal(moduleFetches(p).length, 2, 'the module is fetched once');
  await p.done();
});

test('tabbing to an export button starts loading the module too', async () => {
  const p = await app();
  await open(p);
  await p.page.waitForLoadState('networkidle');
  await p.page.focus('[data-testid="export-memory-md"]');
  await p.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /export-files-[0-9a-f]+_bg\.wasm$/.test(e.name)));
  await p.done();
});

test('a slow exports module: the file is saved once it has come, and the copy too', async () => {
  const p = await app();
  const release = await holdModule(p.page);
  await open(p);
  const [file] = await Promise.all([
    p.page.waitForEvent('download', { timeout: 10_000 }),
    (async () => {
      await p.page.click('[data-testid="export-memory-md"]');
      await p.page.waitForTimeout(500);
      release();
    })(),
  ]);
  assert.equal(file.suggestedFilename(), 'lambda-cost-by-memory-us-east-1.md');
  assert.equal(await p.page.textContent('[data-testid="export-status"] >> nth=0'), '', 'no message');

  await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.server.url });
  await p.page.click('[data-testid="copy-bill-md"]');
  await p.page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]')?.textContent === 'Copied');
  assert.match(await p.page.evaluate(() => navigator.clipboard.readText()), /^Monthly AWS Lambda bill: us-east-1 x86_64/);
  await p.done();
});

// The Wasm with a byte flipped, the module (JS) with one space made a tab: either fails
// its digest, so the module never runs.
for (const { file, pattern, change } of [
  { file: 'Wasm file', pattern: WASM, change: flipNearEnd },
  { file: 'module (JS)', pattern: JS, change: indentWithTab },
]) {
  test(`an exports ${file} that fails its digest never runs, says so next to the buttons, and the next press loads it afresh`, async () => {
    const p = await app();
    const served = await serveTampered(p.page, pattern, change);
    await open(p);
    let saved = 0;
    p.page.on('download', () => { saved += 1; });

    await p.page.click('[data-testid="export-bill-csv"]');
    await p.page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]')?.textContent !== '');
    assert.match(await p.page.textContent('[data-testid="copy-status"]'), NOT_LOADED);
    assert.equal(await p.page.getAttribute('[data-testid="copy-status"]', 'role'), 'status');
    // The copy says why too, not that the clipboard failed.
    await p.page.click('[data-testid="copy-bill-md"]');
    await p.page.waitForTimeout(300);
    assert.match(await p.page.textContent('[data-testid="copy-status"]'), NOT_LOADED);
    // Next to the table by memory's buttons as well.
    await p.page.click('[data-testid="export-memory-csv"]');
    await p.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="export-status"]')].some((e) => e.textContent !== ''));
    assert.ok(served.count > 0, 'the tampered file was served');
    assert.equal(saved, 0, 'no file was saved');
    assert.ok(p.errors.some((e) => /integrity/i.test(e)), `errors: ${p.errors.join(' | ')}`);
    p.errors.length = 0;

    // The file as built: the same button now saves the file, and the message goes.
    await p.page.unroute(pattern);
    const csv = await download(p.page, 'export-bill-csv');
    assert.equal(csv.name, 'lambda-cost-bill-us-east-1-x86_64-1024MB.csv');
    assert.equal(await p.page.textContent('[data-testid="copy-status"]'), '');
    await p.done();
  });
}
