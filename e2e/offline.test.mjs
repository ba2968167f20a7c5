// Offline: once the page has loaded, its service worker (sw.js) keeps the site's files,
// so the calculator reopens and computes with the network gone, at the root and under a
// sub-path. The worker fetches nothing but the site's own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectTotal, foreignRequests, openPage, serve, setInput, useSite, waitForApp } from './helpers.mjs';

const TELEMETRY = '#memory=1024&duration=2000&requests=7440000';

// Issue #251 of aws-lambda-power-tuning: 128..2048 MB.
const PT_HASH = 'gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=';

const site = useSite();

for (const where of ['url', 'subUrl']) {
  test(`the calculator works offline once loaded (${where === 'url' ? 'site root' : 'sub-path'})`, async () => {
    const base = site.server[where];
    const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const { page, context } = p;
    // Requests the worker makes itself are reported on the context, not the page.
    const workerRequests = [];
    context.on('request', (r) => {
      if (r.serviceWorker()) workerRequests.push(r.url());
    });

    await page.goto(base + TELEMETRY);
    assert.equal(await waitForApp(page), '$249.49');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, base, 'the worker covers the directory of index.html');

    // The first load happened before the worker existed; a reload goes through it and
    // stores every file the page needs.
    await page.reload();
    await waitForApp(page);
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is controlled');
    // A visit the worker answers has it keep the Power Tuning reader and the exports too
    // (a first visit fetches each only when it is used).
    for (const module of [/power-tuning-reader-[0-9a-f]+_bg\.wasm$/, /export-files-[0-9a-f]+_bg\.wasm$/]) {
      await page.waitForFunction((source) => performance.getEntriesByType('resource')
        .some((e) => new RegExp(source).test(e.name)), module.source, { timeout: 10_000 });
    }

    await context.setOffline(true);
    try {
      await page.reload();
      assert.equal(await waitForApp(page), '$249.49', 'the reloaded page computes offline');
      await setInput(page, '#memory', '2048');
      await expectTotal(page, '$497.49');
      // A Power Tuning paste is read offline: the worker kept the reader.
      await page.fill('#pt-paste', PT_HASH);
      await page.click('#pt-add');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="pt-table"] tbody tr').length === 5);
      // The exports are made offline: the worker kept their module.
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 10_000 }),
        page.click('[data-testid="export-tuning-priced-csv"]'),
      ]);
      assert.equal(file.suggestedFilename(), 'lambda-cost-power-tuning-bills.csv');
      assert.equal(await file.failure(), null);
      // A new visit (another link to the site, in a new tab) is a real navigation that
      // only the worker can answer, and computes the link's own scenario.
      const visit = await context.newPage();
      await visit.goto(`${base}#v=1&region=us-east-1&arch=x86_64&memory=128&duration=100&requests=1000000`);
      assert.ok(await visit.evaluate(() => navigator.serviceWorker.controller !== null), 'the new page is controlled');
      // $0.20 of requests + 12,500 GB-s at $0.0000166667 = $0.21.
      assert.equal(await waitForApp(visit), '$0.41', 'the new page computes offline');
      // The page's own files came from the worker, not the (offline) network.
      const served = await visit.evaluate(() =>
        performance.getEntriesByType('navigation').map((e) => e.workerStart > 0));
      assert.deepEqual(served, [true], 'the navigation went through the worker');
    } finally {
      await context.setOffline(false);
    }

    const origin = new URL(site.server.url).origin;
    assert.ok(workerRequests.length > 0, 'the worker fetched the site files');
    assert.deepEqual(foreignRequests(workerRequests, origin), [], 'worker requests off-origin');
    // Offline, the only failures allowed are requests the network could not serve and the
    // worker does not keep (none expected); console and page errors never.
    await p.done();
  });
}
