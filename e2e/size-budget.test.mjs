// The download budget: the gzip total of dist/ (what a first visit fetches, compressed as
// a static host would serve it) must stay at or under the number in size-budget.json.
// Later issues lower the number; a change that grows the site has to say so there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, ROOT } from './helpers.mjs';

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

test('the gzip total of dist/ stays within size-budget.json', async () => {
  const budget = JSON.parse(await readFile(join(ROOT, 'size-budget.json'), 'utf8'));
  let total = 0;
  const sizes = [];
  for (const path of (await files(DIST)).sort()) {
    const gz = gzipSync(await readFile(path), { level: 9 }).length;
    sizes.push(`${relative(DIST, path)}: ${gz}`);
    total += gz;
  }
  assert.ok(sizes.some((s) => s.endsWith('.wasm') || s.includes('.wasm:')), `no .wasm in ${DIST}: build first`);
  console.log(`dist/ gzip total: ${total} bytes (budget ${budget.dist_gzip_bytes})\n  ${sizes.join('\n  ')}`);
  assert.ok(
    total <= budget.dist_gzip_bytes,
    `dist/ is ${total} bytes gzipped, over the budget of ${budget.dist_gzip_bytes} in size-budget.json`,
  );
});
