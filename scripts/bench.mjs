// Benchmark of the release build in dist/ (`make bench` builds it first).
// Prints Markdown ready to paste into the README: bundle sizes, time to first result side by
// side with the Power Tuning visualization page (the page the calculator's users come from),
// what the embed view loads, and input-to-result latency, all in one headless Chromium run;
// then the four figures of issue 13 against their targets.
//
// The peer page's static files are read from ../shared/bench/power-tuning-ui/public (beside
// the repository, as in CI) or from $PEER_DIR, and served by the same local server as
// dist/, under /peer/. Its files are never changed: its first chart is detected from the
// outside (the first paint call on a <canvas> with a width, see `paintProbe`).
import { readdir, readFile } from 'node:fs/promises';
import { cpus, availableParallelism } from 'node:os';
import { extname, join, relative } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { rehashed, sri } from './digests.mjs';
import { DIST, ROOT, launch, openPage, serve, TOTAL } from '../e2e/helpers.mjs';

const LOADS = Number(process.env.BENCH_LOADS || 10);
const EDITS = 60;
const PEER_DIR = process.env.PEER_DIR || join(ROOT, '..', 'shared', 'bench', 'power-tuning-ui', 'public');
// A Power Tuning result (memory sizes; times; costs), as the peer's README shows it.
const PEER_HASH = '#gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=';
// The scenario the embed figure loads: the README's iframe example.
const EMBED_FRAGMENT = '#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000&embed=1';
// Issue 13's targets.
const TARGET = { distGzip: 200 * 1024, firstResultRatio: 0.8, embedGzip: 120 * 1024, editP95: 16 };

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
}
const ms = (x) => `${x.toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out.sort();
}

// --- sizes -------------------------------------------------------------------------------
const sizes = [];
for (const f of await files(DIST)) {
  const data = await readFile(f);
  sizes.push({ name: relative(DIST, f), raw: data.length, gz: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length });
}

// --- the peer page, served beside dist/ ------------------------------------------------------
const PEER_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
const peer = {};
for (const f of await files(PEER_DIR)) {
  const type = PEER_TYPES[extname(f)] ?? 'application/octet-stream';
  peer[`/peer/${relative(PEER_DIR, f).split('\\').join('/')}`] = { body: await readFile(f), type };
}
if (!peer['/peer/index.html']) throw new Error(`no Power Tuning page in ${PEER_DIR} (set PEER_DIR)`);

// The floor under the first-result ratio: the calculator's own index.html and loader with
// its bundle swapped for a trivial one (a 57-byte Wasm whose start function hands 41 cents
// to a JS function that writes "$0.41" where the total goes), digests and policy made
// anew. What the real page takes beyond it is the app's: fetching, checking, compiling
// and running its bundle.
const FLOOR_WASM = Buffer.from('0061736d0100000001080260017e00600000020c0103656e760473686f7700000302010107090105737461727400010a08010600422910000b', 'hex');
const FLOOR_JS = `export default async function init({ module_or_path }) {
  const show = (cents) => {
    const total = document.createElement('p');
    total.dataset.testid = 'monthly-total';
    total.textContent = '$' + (Number(cents) / 100).toFixed(2);
    document.body.append(total);
  };
  const { instance } = await WebAssembly.instantiateStreaming(await module_or_path, { env: { show } });
  instance.exports.start();
}`;
function floorPage(html) {
  const own = html.match(/\{"js":"\.\/(lambda-cost-calculator-[0-9a-f]+\.js)","jsIntegrity":"([^"]+)","wasm":"\.\/([^"]+)","wasmIntegrity":"([^"]+)"\}/);
  if (!own) throw new Error("bench: the calculator's bundle not found in index.html's loader");
  const [, js, jsIntegrity, wasm, wasmIntegrity] = own;
  const page = [
    [js, 'floor-bundle.js'],
    [wasm, 'floor-bundle_bg.wasm'],
    [jsIntegrity, sri(FLOOR_JS)],
    [wasmIntegrity, sri(FLOOR_WASM)],
  ].reduce((out, [from, to]) => out.split(from).join(to), html);
  return {
    '/floor.html': { body: rehashed(page) },
    '/floor-bundle.js': { body: FLOOR_JS, type: 'text/javascript; charset=utf-8' },
    '/floor-bundle_bg.wasm': { body: FLOOR_WASM, type: 'application/wasm' },
  };
}

// --- browser timings -----------------------------------------------------------------------
const server = await serve(DIST, { ...peer, ...floorPage(await readFile(join(DIST, 'index.html'), 'utf8')) });
const browser = await launch();

// Records performance.now() (ms since navigation start) when the total first has text.
const firstResultProbe = (sel) => {
  const check = () => {
    if (window.__firstResult === undefined && document.querySelector(sel)?.textContent.trim()) {
      window.__firstResult = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
};

// Records performance.now() at the first paint call on a canvas that has a size: Chart.js
// sizes its <canvas> and then draws on it, so this is the peer's first chart on screen.
const paintProbe = () => {
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ['fillRect', 'fillText', 'stroke', 'fill', 'drawImage']) {
    const original = proto[name];
    proto[name] = function (...args) {
      if (window.__firstChart === undefined && this.canvas.width > 0 && this.canvas.isConnected) {
        window.__firstChart = performance.now();
      }
      return original.apply(this, args);
    };
  }
};

// One fresh load (new context: empty HTTP cache) of `url`; resolves with the ms from
// navigation start to the moment `mark` names.
// `tolerated` matches errors that are not the page's fault (the peer page names no icon,
// so the browser asks for /favicon.ico, which is not the peer's file).
async function timeLoad(url, probe, arg, mark, tolerated = /^$/) {
  const p = await openPage(browser);
  await p.page.addInitScript(probe, arg);
  await p.page.goto(url);
  await p.page.waitForFunction((m) => window[m] !== undefined, mark, { timeout: 30_000 });
  const t = await p.page.evaluate((m) => window[m], mark);
  p.errors = p.errors.filter((e) => !tolerated.test(e));
  if (p.errors.length) throw new Error(`page errors on ${url}: ${p.errors.join('; ')}`);
  await p.close();
  return t;
}

// The pages alternately, so all see the same machine load over the run. Two references
// are timed with them: the embed view (no Yew, no form; its bundle is 40 % of the
// calculator's) and the floor page above (the same loader and an empty bundle).
const loads = [];
const embedLoads = [];
const floorLoads = [];
const peerLoads = [];
for (let i = 0; i < LOADS; i++) {
  loads.push(await timeLoad(server.url, firstResultProbe, TOTAL, '__firstResult'));
  embedLoads.push(await timeLoad(`${server.url}${EMBED_FRAGMENT}`, firstResultProbe, TOTAL, '__firstResult'));
  floorLoads.push(await timeLoad(`${server.url}floor.html`, firstResultProbe, TOTAL, '__firstResult'));
  peerLoads.push(await timeLoad(`${server.url}peer/index.html${PEER_HASH}`, paintProbe, null, '__firstChart', /\/favicon\.ico\)$/));
}

// What the browser fetches for one view of `url`, each file gzipped as a static host would
// serve it (the service worker's own script included).
async function fetched(url) {
  const p = await openPage(browser);
  const responses = [];
  p.context.on('response', (r) => responses.push(r));
  await p.page.goto(url);
  await p.page.waitForFunction((sel) => /^\$[\d,]+\.\d{2}$/.test(document.querySelector(sel)?.textContent.trim() ?? ''), TOTAL, { timeout: 30_000 });
  await p.page.waitForLoadState('networkidle');
  const out = [];
  for (const r of responses) {
    // A file the service worker fetched on the page's behalf is counted once.
    if (out.some((f) => f.name === new URL(r.url()).pathname)) continue;
    const body = await r.body().catch(() => null);
    if (body) out.push({ name: new URL(r.url()).pathname, raw: body.length, gz: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length });
  }
  if (p.errors.length) throw new Error(`page errors on ${url}: ${p.errors.join('; ')}`);
  await p.close();
  return out;
}
const pageLoad = await fetched(server.url);
const embedLoad = await fetched(`${server.url}${EMBED_FRAGMENT}`);
// The comparison of ways to run it is in an embed bundle of its own (`chart=compute`).
const computeLoad = await fetched(`${server.url}${EMBED_FRAGMENT}&chart=compute`);
// A link with a Power Tuning run (Power Tuning's 3-part hash) gets the embed bundle that
// reads runs; the small one leaves their decoder out.
const runsLoad = await fetched(`${server.url}${EMBED_FRAGMENT}&pt=${encodeURIComponent('gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=')}`);

// Edits #memory in the page and times input event -> total text changed -> every chart on
// screen redrawn -> next frame. The window is then made as tall as the page, so every
// chart is on screen and redrawn on every edit (charts off screen are drawn later, when
// the page is idle): the most an edit can have to update.
const p = await openPage(browser, { viewport: { width: 1280, height: 3200 } });
await p.page.goto(server.url);
await p.page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim(), TOTAL);
// A workload above the free tier, so that every memory edit changes the total.
await p.page.fill('#requests', '10000000');
await p.page.fill('#duration', '1000');
if ((await p.page.locator('#free-tier').count()) > 0) await p.page.setChecked('#free-tier', false);
await p.page.waitForTimeout(200);
const pageHeight = await p.page.evaluate(() => document.documentElement.scrollHeight);
await p.page.setViewportSize({ width: 1280, height: Math.min(pageHeight, 10_000) });
// Steady state: every chart has had its first draw (off-screen ones wait for an idle
// moment) and the page is idle, so the edits time redraws, not the page still loading.
await p.page.waitForFunction(() => [...document.querySelectorAll('canvas[data-draws]')].every((c) => Number(c.dataset.draws) > 0), null, { timeout: 10_000 });
await p.page.evaluate(() => new Promise((r) => (window.requestIdleCallback ?? setTimeout)(r)));
const edits = await p.page.evaluate(
  async ([sel, n]) => {
    const input = document.getElementById('memory');
    const total = () => document.querySelector(sel)?.textContent.trim();
    const out = [];
    for (let i = 0; i < n; i++) {
      const before = total();
      const canvases = [...document.querySelectorAll('canvas[data-draws]')].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && r.width > 0;
      });
      const drawsBefore = canvases.map((c) => Number(c.dataset.draws));
      const chartsDone = () => canvases.every((c, k) => Number(c.dataset.draws) > drawsBefore[k]);
      const value = input.value === '512' ? '1024' : '512';
      let dom;
      const done = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          if (dom === undefined && total() !== before) dom = performance.now();
          if (dom === undefined || !chartsDone()) return;
          const charts = performance.now();
          obs.disconnect();
          requestAnimationFrame(() => resolve({ charts, frame: performance.now() }));
        });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-draws'] });
      });
      input.value = value;
      const t0 = performance.now(); // the app's handler runs inside dispatchEvent
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`total did not change (edit ${i})`)), 5000));
      const { charts, frame } = await Promise.race([done, timeout]);
      out.push({ dom: dom - t0, charts: charts - t0, frame: frame - t0, count: canvases.length });
      await new Promise((r) => setTimeout(r, 10)); // let the page settle between edits
    }
    return out;
  },
  [TOTAL, EDITS],
);
if (p.errors.length) throw new Error(`page errors: ${p.errors.join('; ')}`);
const allCharts = await p.page.evaluate(() => [...document.querySelectorAll('canvas[data-draws]')].filter((c) => c.getBoundingClientRect().width > 0).length);
if (edits.some((e) => e.count !== allCharts)) throw new Error(`${edits[0].count} of ${allCharts} charts on screen while editing: the figure would not time every redraw`);
await p.close();
const chromiumVersion = browser.version();
await browser.close();
await server.close();

// --- report --------------------------------------------------------------------------------
const totalRaw = sizes.reduce((a, s) => a + s.raw, 0);
const totalGz = sizes.reduce((a, s) => a + s.gz, 0);
const dom = edits.map((e) => e.dom);
const charts = edits.map((e) => e.charts);
const frame = edits.map((e) => e.frame);
const lines = [
  `Benchmark, ${new Date().toISOString().slice(0, 10)}: ${availableParallelism()} cores (nproc), ${cpus()[0].model.trim()}, ` +
    `headless Chromium ${chromiumVersion}, Node ${process.version}.`,
  '',
  '| file in dist/ | bytes | gzip -9 |',
  '| --- | ---: | ---: |',
  ...sizes.map((s) => `| ${s.name} | ${s.raw} (${kb(s.raw)}) | ${s.gz} (${kb(s.gz)}) |`),
  `| **total** | ${totalRaw} (${kb(totalRaw)}) | **${totalGz} (${kb(totalGz)})** |`,
  '',
  '| measure | runs | median | min | max | p95 |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  `| navigation → first result shown | ${loads.length} fresh loads | ${ms(median(loads))} | ${ms(Math.min(...loads))} | ${ms(Math.max(...loads))} | ${ms(quantile(loads, 0.95))} |`,
  `| embed view (reference): navigation → first result shown | ${embedLoads.length} fresh loads | ${ms(median(embedLoads))} | ${ms(Math.min(...embedLoads))} | ${ms(Math.max(...embedLoads))} | ${ms(quantile(embedLoads, 0.95))} |`,
  `| floor (reference: the loader with a 57-byte Wasm): navigation → "$0.41" shown | ${floorLoads.length} fresh loads | ${ms(median(floorLoads))} | ${ms(Math.min(...floorLoads))} | ${ms(Math.max(...floorLoads))} | ${ms(quantile(floorLoads, 0.95))} |`,
  `| Power Tuning page: navigation → first chart drawn | ${peerLoads.length} fresh loads | ${ms(median(peerLoads))} | ${ms(Math.min(...peerLoads))} | ${ms(Math.max(...peerLoads))} | ${ms(quantile(peerLoads, 0.95))} |`,
  `| input event → total updated in DOM | ${dom.length} edits | ${ms(median(dom))} | ${ms(Math.min(...dom))} | ${ms(Math.max(...dom))} | ${ms(quantile(dom, 0.95))} |`,
  `| input event → ${edits[0].count} charts on screen redrawn | ${charts.length} edits | ${ms(median(charts))} | ${ms(Math.min(...charts))} | ${ms(Math.max(...charts))} | ${ms(quantile(charts, 0.95))} |`,
  `| input event → next animation frame | ${frame.length} edits | ${ms(median(frame))} | ${ms(Math.min(...frame))} | ${ms(Math.max(...frame))} | ${ms(quantile(frame, 0.95))} |`,
];
const embedGz = embedLoad.reduce((a, f) => a + f.gz, 0);
const computeGz = computeLoad.reduce((a, f) => a + f.gz, 0);
const runsGz = runsLoad.reduce((a, f) => a + f.gz, 0);
const pageGz = pageLoad.reduce((a, f) => a + f.gz, 0);
const ratio = median(loads) / median(peerLoads);
const editP95 = quantile(charts, 0.95);
const verdict = (ok) => (ok ? 'met' : '**NOT met**');
lines.push(
  '',
  `Calculator page fetched: ${pageLoad.map((f) => `${f.name} ${f.gz}`).join(', ')} (gzip -9 bytes).`,
  `Embed view (\`${EMBED_FRAGMENT}\`) fetched: ${embedLoad.map((f) => `${f.name} ${f.gz}`).join(', ')}.`,
  `Embed view with \`chart=compute\` fetched: ${computeLoad.map((f) => `${f.name} ${f.gz}`).join(', ')} (${kb(computeGz)} in all).`,
  `Embed view of a link with a Power Tuning run fetched: ${runsLoad.map((f) => `${f.name} ${f.gz}`).join(', ')} (${kb(runsGz)} in all).`,
  '',
  '| issue 13 figure | measured | target | |',
  '| --- | ---: | ---: | --- |',
  `| calculator page, gzip bytes loaded (dist/ in all: ${kb(totalGz)}) | ${kb(pageGz)} | ≤ ${kb(TARGET.distGzip)} | ${verdict(pageGz <= TARGET.distGzip)} |`,
  `| first result ÷ peer's first chart, medians | ${ms(median(loads))} ÷ ${ms(median(peerLoads))} = ${ratio.toFixed(2)} | ≤ ${TARGET.firstResultRatio} | ${verdict(ratio <= TARGET.firstResultRatio)} |`,
  `| (reference) embed view's first result ÷ peer's first chart, medians | ${ms(median(embedLoads))} ÷ ${ms(median(peerLoads))} = ${(median(embedLoads) / median(peerLoads)).toFixed(2)} | | |`,
  `| (reference) floor page's first result ÷ peer's first chart, medians | ${ms(median(floorLoads))} ÷ ${ms(median(peerLoads))} = ${(median(floorLoads) / median(peerLoads)).toFixed(2)} | | |`,
  `| embed view, gzip bytes loaded | ${kb(embedGz)} | ≤ ${kb(TARGET.embedGzip)} | ${verdict(embedGz <= TARGET.embedGzip)} |`,
  `| input → total and ${edits[0].count} charts on screen redrawn, p95 (${charts.length} edits, none dropped) | ${ms(editP95)} | ≤ ${ms(TARGET.editP95)} | ${verdict(editP95 <= TARGET.editP95)} |`,
);
console.log(lines.join('\n'));
