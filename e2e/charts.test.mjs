// Charts that read: on a phone and on a desktop, in light and dark, no chart label hides
// under the legend or another label, the memory axis names the sizes people choose as
// room allows, the provisioned-concurrency card says what PC costs or saves, and charts
// are drawn after the first paint (the total comes first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, waitForApp } from './helpers.mjs';

// Provisioned concurrency at 4.6 % utilization, free tier on: every chart label drawn.
const HASH = '#memory=1024&duration=120&requests=3000000&free=1&cpu=60&pc=1&pc_hours=730&pc_requests=1000000';
const CHARTS = ['chart-memory', 'chart-volume', 'chart-pc'];
const COMMON_SIZES = ['128', '256', '512', '1,024', '1,769', '3,008', '10,240'];

const site = useSite();

/**
 * Runs in the page before its scripts: when the total first showed, when the browser next
 * rendered a frame, and when each chart was first drawn (page clock, ms). A chart drawn
 * before that frame delayed the first paint of the total.
 */
function recordFirstDraws() {
  window.__firstDraw = {};
  new MutationObserver((records) => {
    const now = performance.now();
    const total = document.querySelector('[data-testid="monthly-total"]');
    if (window.__totalAt === undefined && /\$[\d,]+\.\d{2}/.test(total?.textContent ?? '')) {
      window.__totalAt = now;
      requestAnimationFrame(() => { window.__frameAfterTotal = performance.now(); });
    }
    for (const r of records) {
      const id = r.target.dataset?.testid;
      const drawn = Number(r.target.getAttribute?.('data-draws')) >= 1;
      if (r.attributeName === 'data-draws' && drawn && id && !(id in window.__firstDraw)) {
        window.__firstDraw[id] = now;
      }
    }
  }).observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
}

async function open(viewport, colorScheme) {
  const p = await site.open(HASH, { viewport, colorScheme, deviceScaleFactor: 2 }, { initScript: recordFirstDraws });
  await waitForApp(p.page);
  return p;
}

/** Scrolls the chart into view, waits for its drawing and returns its layout report. */
async function drawn(page, id) {
  await page.locator(`[data-testid="${id}"]`).scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.draws) >= 1, id);
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const r = c.getBoundingClientRect();
    const boxes = (c.dataset.labelBoxes ?? '').split(';').filter(Boolean).map((b) => b.split(',').map(Number));
    return { boxes, ticks: (c.dataset.xTicks ?? '').split('|'), width: r.width, height: r.height };
  }, id);
}

const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  for (const scheme of ['light', 'dark']) {
    test(`${name} ${scheme}: chart labels stay clear of the legend and of each other`, async () => {
      const p = await open(viewport, scheme);
      for (const id of CHARTS) {
        const { boxes, width, height } = await drawn(p.page, id);
        // The legend, then one box per label: memory 1, volume 3 (free requests, free
        // GB-s, your volume), provisioned concurrency 2 (break-even, yours).
        const expected = { 'chart-memory': 2, 'chart-volume': 4, 'chart-pc': 3 }[id];
        assert.equal(boxes.length, expected, `${id}: ${JSON.stringify(boxes)}`);
        for (const [i, a] of boxes.entries()) {
          assert.ok(a[0] >= 0 && a[1] >= 0 && a[2] <= width && a[3] <= height, `${id}: ${a} inside the canvas`);
          for (const b of boxes.slice(i + 1)) assert.ok(!overlap(a, b), `${id}: ${a} overlaps ${b}`);
        }
      }
      await p.done();
    });
  }
}

test('the memory axis labels the sizes people choose, fewer on a phone', async () => {
  const desk = await open({ width: 1280, height: 800 }, 'light');
  const wide = await drawn(desk.page, 'chart-memory');
  assert.deepEqual(wide.ticks, COMMON_SIZES);
  await desk.done();
  const phone = await open({ width: 390, height: 844 }, 'light');
  const narrow = await drawn(phone.page, 'chart-memory');
  for (const size of ['128', '1,024', '10,240']) assert.ok(narrow.ticks.includes(size), `${size} on a phone`);
  assert.ok(narrow.ticks.length < COMMON_SIZES.length, `fewer labels on a phone: ${narrow.ticks}`);
  assert.ok(narrow.ticks.every((t) => COMMON_SIZES.includes(t)), `only common sizes: ${narrow.ticks}`);
  const pc = await drawn(phone.page, 'chart-pc');
  assert.deepEqual(pc.ticks, ['0 %', '20 %', '40 %', '60 %', '80 %', '100 %'], 'every 20 % on a phone');
  await phone.done();
});

test('the provisioned concurrency card says what PC costs at your utilization', async () => {
  const p = await open({ width: 1280, height: 800 }, 'light');
  const verdict = (await p.page.textContent('[data-testid="pc-verdict"]')).trim();
  assert.match(verdict, /^At your 4\.6 % utilization, provisioned concurrency costs \$[\d,]+\.\d{2} a month more than on-demand\.$/);
  await p.done();
});

test('the total is painted first; charts are drawn after that frame', async () => {
  const p = await open({ width: 1280, height: 800 }, 'light');
  for (const id of CHARTS) await drawn(p.page, id);
  const { frame, draws } = await p.page.evaluate(() => ({ frame: window.__frameAfterTotal, draws: window.__firstDraw }));
  assert.ok(frame > 0, "a frame after the total");
  for (const id of CHARTS) assert.ok(draws[id] > frame, `${id} drawn at ${draws[id]} ms, frame after the total at ${frame} ms`);
  await p.done();
});

// The memory chart keeps its picture without the current size's line while its curves
// stay the same (src/ui/charts/canvas.rs, `Layers`): a memory edit draws the line over a
// copy of it. After memory edits, after an edit that changes the curves and back, it must
// show what drawing it afresh shows. Chrome does not rasterize a canvas's text exactly
// alike from one load to the next under load (3 of 8 fresh loads differed from the first,
// in a few hundred pixels of a label), so pixels are compared with a tolerance, and the
// label's place exactly.
test('the memory chart after edits shows what drawing it afresh shows', async () => {
  // Duration does not depend on memory here (0 % CPU-bound): a memory edit keeps the
  // curves, so the picture is kept (src/ui/results.rs tests that the sweeps are).
  const hash = '#memory=1024&duration=120&requests=3000000&free=1';
  const options = (colorScheme) => ({ viewport: { width: 1280, height: 2400 }, colorScheme, deviceScaleFactor: 2 });
  const chart = (page) => page.evaluate(() => {
    const c = document.querySelector('[data-testid="chart-memory"]');
    return { png: c.toDataURL(), size: `${c.width}x${c.height}`, boxes: c.dataset.labelBoxes, draws: Number(c.dataset.draws) };
  });
  /** The share of pixels (of all, or of `box`, CSS px at 2x) that differ by more than 48 in a channel. */
  const differ = (page, a, b, box) => page.evaluate(async ([a, b, box]) => {
    const pixels = async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = Object.assign(document.createElement('canvas'), { width: img.width, height: img.height });
      const x = c.getContext('2d');
      x.drawImage(img, 0, 0);
      return { data: x.getImageData(0, 0, c.width, c.height).data, w: c.width, h: c.height };
    };
    const [p, q] = [await pixels(a), await pixels(b)];
    const [x0, y0, x1, y1] = box ? box.map((v) => v * 2) : [0, 0, p.w, p.h];
    let n = 0, all = 0;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * p.w + x) * 4;
        all++;
        if ([0, 1, 2, 3].some((k) => Math.abs(p.data[i + k] - q.data[i + k]) > 48)) n++;
      }
    }
    return n / all;
  }, [a, b, box]);
  const edit = async (page, field, value) => {
    const { draws } = await chart(page);
    await page.fill(field, value);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="chart-memory"]').dataset.draws) > n, draws);
    return chart(page);
  };
  for (const scheme of ['light', 'dark']) {
    const fresh = {};
    for (const mb of ['512', '3008']) {
      const p = await site.open(hash.replace('memory=1024', `memory=${mb}`), options(scheme));
      await waitForApp(p.page);
      await drawn(p.page, 'chart-memory');
      fresh[mb] = await chart(p.page);
      await p.done();
    }
    const p = await site.open(hash, options(scheme));
    await waitForApp(p.page);
    await drawn(p.page, 'chart-memory');
    const before = await chart(p.page);
    const oldLabel = before.boxes.split(';').at(-1).split(',').map(Number);
    for (const mb of ['512', '3008']) {
      const now = await edit(p.page, '#memory', mb);
      const what = `${scheme}, ${mb} MB`;
      assert.equal(now.size, fresh[mb].size, what);
      assert.equal(now.boxes, fresh[mb].boxes, `${what}: the labels' places`);
      assert.ok(await differ(p.page, now.png, fresh[mb].png) < 0.002, `${what}: the chart differs`);
      // Where the last size's label was: the copy of the picture covers it.
      assert.ok(await differ(p.page, now.png, fresh[mb].png, oldLabel) < 0.05, `${what}: the last size's label shows`);
    }
    // The curves change: the picture is drawn again; back, it shows the first curves.
    const changed = await edit(p.page, '#duration', '400');
    assert.ok(await differ(p.page, changed.png, fresh['3008'].png) > 0.002, `${scheme}: the curves changed`);
    const back = await edit(p.page, '#duration', '120');
    assert.ok(await differ(p.page, back.png, fresh['3008'].png) < 0.002, `${scheme}: duration back to 120 ms`);
    await p.done();
  }
});
