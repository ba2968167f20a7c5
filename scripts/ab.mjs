// A/B of two builds in one browser, for steps too small for `make bench` to resolve
// (its ten loads move by tens of milliseconds between runs on a shared VM):
//
//   node scripts/ab.mjs loads DIST_A DIST_B [N=40]   navigation -> first result, and Wasm
//                                                    instance -> first result (inside the page)
//   node scripts/ab.mjs edits DIST_A DIST_B [N=4]    N rounds of 60 memory edits: input ->
//                                                    every chart on screen redrawn
//
// Each DIST is a built site (e.g. a copy of dist/ before a change, and dist/ after it).
// Loads and rounds alternate between the two in random order, so drift in the machine's
// speed falls on both. Prints the median, quartiles and p95 of each.
import { launch, openPage, serve, TOTAL } from '../e2e/helpers.mjs';

const [mode, a, b, n] = process.argv.slice(2);
if (!['loads', 'edits'].includes(mode) || !a || !b) {
  throw new Error('usage: node scripts/ab.mjs loads|edits DIST_A DIST_B [N]');
}
const dists = [a, b];
const servers = await Promise.all(dists.map((d) => serve(d)));
const browser = await launch();

/** Runs in the page before its scripts: when the Wasm instance exists and the total shows. */
const PROBE = `(() => {
  const instantiate = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    window.__instance = performance.now();
    return result;
  };
  const shown = new MutationObserver(() => {
    if (/^\\$/.test(document.querySelector(${JSON.stringify(TOTAL)})?.textContent.trim() ?? '')) {
      window.__first = performance.now();
      shown.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    shown.observe(document.body, { childList: true, subtree: true, characterData: true }));
})();`;

async function load(url) {
  // No service worker: every load fetches and compiles, as a first visit does.
  const p = await openPage(browser, { viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await p.page.addInitScript(PROBE);
  await p.page.goto(url);
  await p.page.waitForFunction(() => window.__first, null, { timeout: 20_000 });
  const [first, instance] = await p.page.evaluate(() => [window.__first, window.__instance]);
  await p.close();
  return { first, inPage: first - instance };
}

/** 60 edits of #memory as the bench makes them, on a window as tall as the page. */
async function edits(url) {
  const p = await openPage(browser, { viewport: { width: 1280, height: 3200 } });
  await p.page.goto(url);
  await p.page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim(), TOTAL);
  await p.page.fill('#requests', '10000000');
  await p.page.fill('#duration', '1000');
  await p.page.waitForTimeout(200);
  const height = await p.page.evaluate(() => document.documentElement.scrollHeight);
  await p.page.setViewportSize({ width: 1280, height: Math.min(height, 10_000) });
  await p.page.waitForFunction(() => [...document.querySelectorAll('canvas[data-draws]')]
    .every((c) => Number(c.dataset.draws) > 0), null, { timeout: 10_000 });
  await p.page.waitForTimeout(300);
  const times = await p.page.evaluate(async () => {
    const input = document.getElementById('memory');
    const out = [];
    for (let i = 0; i < 60; i++) {
      const canvases = [...document.querySelectorAll('canvas[data-draws]')];
      const before = canvases.map((c) => Number(c.dataset.draws));
      input.value = input.value === '512' ? '1024' : '512';
      let end;
      const redrawn = new Promise((resolve) => {
        const watch = new MutationObserver(() => {
          if (canvases.every((c, k) => Number(c.dataset.draws) > before[k])) {
            end = performance.now();
            watch.disconnect();
            resolve();
          }
        });
        watch.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-draws'] });
      });
      const start = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await redrawn;
      out.push(end - start);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return out;
  });
  await p.close();
  return times;
}

const quantile = (values, q) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
};
const summary = (values) =>
  `median ${quantile(values, 0.5)} ms (quartiles ${quantile(values, 0.25)} to ${quantile(values, 0.75)}, p95 ${quantile(values, 0.95)}), n=${values.length}`;

const rounds = Number(n ?? (mode === 'loads' ? 40 : 4));
const results = dists.map(() => []);
for (let r = 0; r < rounds; r++) {
  for (const i of Math.random() < 0.5 ? [0, 1] : [1, 0]) {
    if (mode === 'loads') results[i].push(await load(servers[i].url));
    else results[i].push(...(await edits(servers[i].url)));
  }
}
dists.forEach((dist, i) => {
  if (mode === 'loads') {
    console.log(`${dist}: navigation -> first result ${summary(results[i].map((x) => x.first))}`);
    console.log(`${dist}: Wasm instance -> first result ${summary(results[i].map((x) => x.inPage))}`);
  } else {
    console.log(`${dist}: input -> charts redrawn ${summary(results[i])}`);
  }
});
await browser.close();
await Promise.all(servers.map((s) => s.close()));
