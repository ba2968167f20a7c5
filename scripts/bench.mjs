// Benchmark of the release build in dist/ (`make bench` builds it first).
// Prints Markdown ready to paste into the README: bundle sizes, time to first result,
// and input-to-result latency in headless Chromium.
import { readdir, readFile } from 'node:fs/promises';
import { cpus, availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { DIST, launch, openPage, serve, TOTAL } from '../e2e/helpers.mjs';

const LOADS = 10;
const EDITS = 60;

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

// --- browser timings -----------------------------------------------------------------------
const server = await serve();
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

const loads = [];
for (let i = 0; i < LOADS; i++) {
  const p = await openPage(browser); // new context: empty HTTP cache each time
  await p.page.addInitScript(firstResultProbe, TOTAL);
  await p.page.goto(server.url);
  await p.page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 30_000 });
  loads.push(await p.page.evaluate(() => window.__firstResult));
  if (p.errors.length) throw new Error(`page errors: ${p.errors.join('; ')}`);
  await p.close();
}

// Edits #memory in the page and times input event -> total text changed -> next frame.
const p = await openPage(browser);
await p.page.goto(server.url);
await p.page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim(), TOTAL);
// A workload above the free tier, so that every memory edit changes the total.
await p.page.fill('#requests', '10000000');
await p.page.fill('#duration', '1000');
if ((await p.page.locator('#free-tier').count()) > 0) await p.page.setChecked('#free-tier', false);
await p.page.waitForTimeout(200);
const edits = await p.page.evaluate(
  async ([sel, n]) => {
    const input = document.getElementById('memory');
    const total = () => document.querySelector(sel)?.textContent.trim();
    const out = [];
    for (let i = 0; i < n; i++) {
      const before = total();
      const canvases = [...document.querySelectorAll('canvas[data-draws]')];
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
  `| input event → total updated in DOM | ${dom.length} edits | ${ms(median(dom))} | ${ms(Math.min(...dom))} | ${ms(Math.max(...dom))} | ${ms(quantile(dom, 0.95))} |`,
  `| input event → ${edits[0].count} charts redrawn | ${charts.length} edits | ${ms(median(charts))} | ${ms(Math.min(...charts))} | ${ms(Math.max(...charts))} | ${ms(quantile(charts, 0.95))} |`,
  `| input event → next animation frame | ${frame.length} edits | ${ms(median(frame))} | ${ms(Math.min(...frame))} | ${ms(Math.max(...frame))} | ${ms(quantile(frame, 0.95))} |`,
];
console.log(lines.join('\n'));
