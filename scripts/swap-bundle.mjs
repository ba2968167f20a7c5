// A built site with one bundle replaced, for experiments that `make bench` or `ab.mjs`
// should time without a whole `make build` (e.g. a build with a part cut out):
//
//   node scripts/swap-bundle.mjs DIST BIN JS WASM
//
// DIST is a copy of dist/ (it is changed in place); BIN a bundle's name (lambda-cost-
// calculator, embed, embed-compute, …); JS and WASM wasm-bindgen's `--target web` output
// for it (the Wasm optimized as Trunk does: `wasm-opt -Oz --low-memory-unused`). The files
// keep the bundle's hashed names; index.html gets their digests, and its policy the hashes
// of its scripts so changed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rehashed, sri } from './digests.mjs';

const [dist, bin, jsFile, wasmFile] = process.argv.slice(2);
if (!wasmFile) throw new Error('usage: node scripts/swap-bundle.mjs DIST BIN JS WASM');
const js = readdirSync(dist).find((f) => f.startsWith(`${bin}-`) && /^[0-9a-f]+\.js$/.test(f.slice(bin.length + 1)));
if (!js) throw new Error(`swap-bundle: no ${bin}-<hash>.js in ${dist}`);
const wasm = js.replace(/\.js$/, '_bg.wasm');
const page = join(dist, 'index.html');
let html = readFileSync(page, 'utf8');
for (const [name, body] of [[js, readFileSync(jsFile)], [wasm, readFileSync(wasmFile)]]) {
  const before = sri(readFileSync(join(dist, name)));
  if (!html.includes(before)) throw new Error(`swap-bundle: index.html does not name ${name}'s digest`);
  html = html.split(before).join(sri(body));
  writeFileSync(join(dist, name), body);
}
writeFileSync(page, rehashed(html));
console.log(`swap-bundle: ${js} and ${wasm} replaced; index.html's digests and policy updated`);
