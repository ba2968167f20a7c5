// What one view downloads, gzipped as a static host would serve it, against the per-view
// budgets in size-budget.json: the calculator page and the embed view (`#…&embed=1`) load
// different Wasm bundles from the same dist/, so each has its own budget (the dist/ total
// is checked in size-budget.test.mjs). `make bench` prints the same figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openPage, ROOT, useSite, waitForApp } from './helpers.mjs';

const site = useSite();
const budget = JSON.parse(await readFile(join(ROOT, 'size-budget.json'), 'utf8'));

/** The gzip -9 bytes of every file the view at `fragment` fetched, each file once. */
async function loaded(fragment) {
  const p = await openPage(site.browser);
  const responses = [];
  p.context.on('response', (r) => responses.push(r));
  await p.page.goto(`${site.server.url}${fragment}`);
  await waitForApp(p.page);
  await p.page.waitForLoadState('networkidle');
  const files = new Map();
  for (const r of responses) {
    const name = new URL(r.url()).pathname;
    const body = await r.body().catch(() => null);
    if (body && !files.has(name)) files.set(name, gzipSync(body, { level: 9 }).length);
  }
  await p.done();
  const total = [...files.values()].reduce((a, b) => a + b, 0);
  console.log(`${fragment || 'calculator page'}: ${total} bytes gzip\n  ${[...files].map(([n, s]) => `${n}: ${s}`).join('\n  ')}`);
  assert.ok([...files.keys()].some((n) => n.endsWith('.wasm')), 'no Wasm fetched: build first');
  return total;
}

test('the calculator page loads at most its budget', async () => {
  const total = await loaded('');
  assert.ok(total <= budget.calculator_page_gzip_bytes, `the calculator page loads ${total} bytes gzipped, over ${budget.calculator_page_gzip_bytes}`);
});

test('the embed view loads at most its budget', async () => {
  const total = await loaded('#memory=1024&duration=2000&requests=7440000&embed=1');
  assert.ok(total <= budget.embed_view_gzip_bytes, `the embed view loads ${total} bytes gzipped, over ${budget.embed_view_gzip_bytes}`);
});

// `chart=compute` loads the embed bundle with the comparison of ways to run it (every
// other embed leaves it out): its own budget, so it cannot grow unnoticed either.
test('the embed view of the comparison of ways to run it loads at most its budget', async () => {
  const total = await loaded('#memory=1024&duration=2000&requests=7440000&embed=1&chart=compute');
  assert.ok(total <= budget.embed_compute_view_gzip_bytes, `the embed view with chart=compute loads ${total} bytes gzipped, over ${budget.embed_compute_view_gzip_bytes}`);
});

// A link with Power Tuning runs loads the embed bundle that reads them (the small one
// leaves their decoder out): its own budget too.
test('the embed view of a link with Power Tuning runs loads at most its budget', async () => {
  const run = encodeURIComponent('gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=');
  const total = await loaded(`#memory=1024&duration=2000&requests=7440000&embed=1&pt=${run}`);
  assert.ok(total <= budget.embed_runs_view_gzip_bytes, `the embed view with runs loads ${total} bytes gzipped, over ${budget.embed_runs_view_gzip_bytes}`);
});
