// Exports and print: every export button saves a file made in the page (blob: URLs, no
// request leaves the site), with the right name and content; a printed scenario is a
// clean one-page report with its link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePng, download, openPage, pixelStats, ROOT, tabTo, useSite, waitForApp } from './helpers.mjs';

const OUT = join(ROOT, 'e2e', 'screenshots');
// AWS's telemetry example: $1.49 of requests + $248.00 of duration = $249.49.
const TELEMETRY = '#memory=1024&duration=2000&requests=7440000';
const PT_HASH = 'gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=';
const CHARTS = ['chart-memory', 'chart-volume', 'chart-pc'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const site = useSite({ outDir: OUT });

async function app(hash, options = {}) {
  const p = await openPage(site.browser, {
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 2,
    acceptDownloads: true,
    ...options,
  });
  await p.page.goto(site.server.url + hash);
  await waitForApp(p.page);
  await p.page.waitForFunction(
    (ids) => ids.every((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.draws) >= 1),
    CHARTS,
  );
  return p;
}

test('the bill exports as CSV and Markdown, and copies as Markdown', async () => {
  const p = await app(TELEMETRY);
  const { page } = p;
  await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.server.url });

  const csv = await download(page, 'export-bill-csv');
  assert.equal(csv.name, 'lambda-cost-bill-us-east-1-x86_64-1024MB.csv');
  const lines = csv.bytes.toString('utf8').split('\r\n');
  assert.equal(lines[0], 'region,arch,item,quantity,unit,free_quantity,rate_usd_per_unit,cost_usd,exact_usd');
  const cost = (item) => lines.find((l) => l.split(',')[2] === item)?.split(',')[7];
  assert.equal(cost('Requests'), '1.49', lines.join('\n'));
  assert.equal(lines.filter((l) => l.split(',')[7] === '248.00').length, 1, lines.join('\n'));
  assert.equal(cost('Total'), '249.49');

  const md = await download(page, 'export-bill-md');
  assert.equal(md.name, 'lambda-cost-bill-us-east-1-x86_64-1024MB.md');
  const text = md.bytes.toString('utf8');
  assert.match(text, /^Monthly AWS Lambda bill: us-east-1 x86_64, 1024 MB, 2,000 ms, 7,440,000 requests\/month/);
  assert.match(text, /\| Line \| Quantity \| Unit \| Free \| Rate \(USD per unit\) \| Cost \| Exact cost \|/);
  assert.match(text, /\| \$1\.49 \|/);
  assert.match(text, /\| \$248\.00 \|/);
  assert.match(text, /\| \*\*Total\*\* \|.*\*\*\$249\.49\*\*/);
  assert.match(text, /Scenario: `#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000`/);

  await page.click('[data-testid="copy-bill-md"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]')?.textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  await p.done();
});

test('the table by memory exports every size as CSV and the usual sizes as Markdown', async () => {
  const p = await app(TELEMETRY);
  const csv = await download(p.page, 'export-memory-csv');
  assert.equal(csv.name, 'lambda-cost-by-memory-us-east-1.csv');
  const rows = csv.bytes.toString('utf8').trimEnd().split('\r\n');
  assert.equal(rows[0], 'memory_mb,x86_64_duration_ms,x86_64_monthly_usd,arm64_duration_ms,arm64_monthly_usd');
  assert.equal(rows.length, 1 + 10_113, 'a row per size from 128 to 10,240 MB');
  assert.match(rows[1], /^128,2000(\.0+)?,[\d.]+,2000(\.0+)?,[\d.]+$/);
  const at1024 = rows.find((r) => r.startsWith('1024,')).split(',');
  assert.equal(at1024[2], '249.49', 'x86_64 at 1,024 MB is the bill');
  assert.ok(Number(at1024[4]) < 249.49, 'arm64 costs less');

  const md = await download(p.page, 'export-memory-md');
  assert.equal(md.name, 'lambda-cost-by-memory-us-east-1.md');
  const table = md.bytes.toString('utf8').trimEnd().split('\n');
  assert.equal(table[0], '| Memory | x86_64 duration | x86_64 monthly | arm64 duration | arm64 monthly |');
  assert.equal(table.length, 2 + 12);
  assert.match(table.find((r) => r.startsWith('| 1,024 MB |')), /\| 1,024 MB \| 2,000 ms \| \$249\.49 \| 2,000 ms \| \$\d+\.\d\d \|/);
  assert.ok(table.some((r) => r.startsWith('| 10,240 MB |')));
  await p.done();
});

test('every chart exports as SVG and as a HiDPI PNG', async () => {
  const p = await app(`${TELEMETRY}&pt=${encodeURIComponent(PT_HASH)}`);
  const { page } = p;
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-tuning"]')?.dataset.draws) >= 1);
  const labels = {
    'chart-memory': ['Memory (MB, log scale)', 'x86_64 cost', 'arm64 cost'],
    'chart-volume': ['your volume'],
    'chart-pc': ['break-even'],
    'chart-tuning': ['Memory'],
  };
  const names = {
    'chart-memory': 'lambda-cost-chart-memory-us-east-1',
    'chart-volume': 'lambda-cost-chart-volume-us-east-1',
    'chart-pc': 'lambda-cost-chart-provisioned-concurrency-us-east-1-x86_64',
    'chart-tuning': 'lambda-cost-chart-power-tuning',
  };
  for (const id of Object.keys(labels)) {
    const svg = await download(page, `export-${id}-svg`);
    assert.equal(svg.name, `${names[id]}.svg`);
    const text = svg.bytes.toString('utf8');
    assert.match(text, /^<svg[^>]*width="900"[^>]*height="360"/, `${id}: an SVG document`);
    for (const label of labels[id]) assert.ok(text.includes(label), `${id}: SVG has "${label}"`);
    assert.ok(text.includes('font-family="sans-serif"'), `${id}: text in a font every viewer has`);
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
    }, text);
    assert.deepEqual(parsed, { root: 'svg', errors: 0 }, `${id}: SVG parses`);

    const png = await download(page, `export-${id}-png`);
    assert.equal(png.name, `${names[id]}.png`);
    assert.deepEqual(png.bytes.subarray(0, 8), PNG_SIGNATURE, `${id}: a PNG`);
    const [width, height] = [png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)];
    const css = await page.evaluate((id) => {
      const r = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
      return { width: r.width, height: r.height, ratio: devicePixelRatio };
    }, id);
    assert.equal(css.ratio, 2);
    assert.equal(width, Math.round(css.width * 2), `${id}: PNG width is the CSS width x devicePixelRatio`);
    assert.equal(height, Math.round(css.height * 2), `${id}: PNG height is the CSS height x devicePixelRatio`);
    // The pixels themselves: axes, labels and series drawn in several colours over the
    // background, not an empty or one-colour image.
    const image = decodePng(png.bytes);
    assert.deepEqual([image.width, image.height], [width, height]);
    const { colours, drawnShare } = pixelStats(image);
    assert.ok(colours >= 8, `${id}: the PNG holds ${colours} colours`);
    assert.ok(drawnShare > 0.01 && drawnShare < 0.9, `${id}: ${(drawnShare * 100).toFixed(1)} % of the pixels are drawn`);
  }

  const runs = await download(page, 'export-tuning-csv');
  assert.equal(runs.name, 'lambda-cost-power-tuning-runs.csv');
  const rows = runs.bytes.toString('utf8').trimEnd().split('\r\n');
  assert.equal(rows[0], 'label,memory_mb,duration_ms,cost_per_invocation,cost_per_million,currency');
  assert.deepEqual(rows.slice(1).map((r) => r.split(',')[1]), ['128', '256', '512', '1024', '2048']);
  await p.done();
});

test('export buttons are labelled buttons a keyboard reaches', async () => {
  const p = await app(TELEMETRY);
  const { page } = p;
  const buttons = await page.$$eval('.export button', (all) =>
    all.map((b) => ({ tag: b.tagName, type: b.type, text: b.textContent.trim(), name: b.getAttribute('aria-label') })),
  );
  assert.ok(buttons.length >= 9, JSON.stringify(buttons));
  for (const b of buttons) {
    assert.equal(b.type, 'button');
    assert.ok(b.name.startsWith(b.text), `accessible name "${b.name}" starts with its visible text "${b.text}"`);
  }
  // A keyboard user Tabs to the button from the top of the page; Enter saves the file.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '[data-testid="export-bill-csv"]', { max: 200 });
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(file.suggestedFilename(), 'lambda-cost-bill-us-east-1-x86_64-1024MB.csv');
  await p.done();
});

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree). */
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

// A dark system, and a dark theme forced by the link (embed mode's `theme=dark`).
for (const [scheme, theme] of [['light', ''], ['dark', ''], ['light', 'dark']]) {
  test(`a printed scenario is one black-on-white page with its link (${scheme} scheme${theme && `, ${theme} theme`})`, async () => {
    const scenario = `${TELEMETRY}&cold=1&init=400&pc=10&pc_hours=730&pc_requests=2000000&discount=10&cpu=60&arm_factor=1.1&pt=${encodeURIComponent(PT_HASH)}${theme && `&theme=${theme}`}`;
    const p = await app(scenario, { colorScheme: scheme, deviceScaleFactor: 1 });
    const name = `print-${scheme}${theme && `-${theme}`}`;
    const { page } = p;
    await page.emulateMedia({ media: 'print', colorScheme: scheme });
    const look = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      const style = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
      return {
        form: shown('form.workload'),
        buttons: shown('button'),
        tuning: shown('[data-testid="power-tuning"]'),
        volume: shown('[data-testid="chart-volume"]'),
        total: shown('[data-testid="monthly-total"]'),
        bill: shown('.bill-table'),
        verdict: shown('[data-testid="arch-verdict"]'),
        memory: shown('[data-testid="chart-memory"]'),
        summary: document.querySelector('.print-summary')?.innerText,
        link: shown('[data-testid="print-link"]') && document.querySelector('.print-url').textContent,
        body: style('body', 'backgroundColor'),
        card: style('.total-card', 'backgroundColor'),
        text: style('.bill-table', 'color'),
        chart: style('[data-testid="chart-memory"]', 'filter'),
        // A dark color-scheme would paint the page margins dark.
        colorScheme: getComputedStyle(document.documentElement).colorScheme,
      };
    });
    assert.deepEqual(
      { form: look.form, buttons: look.buttons, tuning: look.tuning, volume: look.volume },
      { form: false, buttons: false, tuning: false, volume: false },
      'controls and secondary charts are left out',
    );
    assert.deepEqual(
      { total: look.total, bill: look.bill, verdict: look.verdict, memory: look.memory },
      { total: true, bill: true, verdict: true, memory: true },
    );
    assert.match(look.summary, /cold starts 1 % with 400 ms INIT/);
    assert.match(look.summary, /provisioned concurrency 10 x 730 h/);
    assert.ok(look.link.startsWith(`${site.server.url}#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000`), look.link);
    assert.ok(look.link.includes('&pc=10&'), look.link);
    assert.equal(look.body, 'rgb(255, 255, 255)');
    assert.equal(look.card, 'rgb(255, 255, 255)');
    assert.equal(look.text, 'rgb(0, 0, 0)');
    assert.equal(look.colorScheme, 'light');
    // A chart drawn dark on screen prints inverted: dark lines on a light ground.
    const drawnDark = theme === 'dark' || scheme === 'dark';
    assert.equal(look.chart, drawnDark ? 'invert(1) hue-rotate(180deg)' : 'none');

    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(OUT, `${name}.pdf`), pdf);
    assert.equal(pdfPages(pdf), 1, 'one page on A4');
    assert.equal(pdfPages(await page.pdf({ format: 'Letter', printBackground: true })), 1, 'one page on Letter');
    await p.done();
  });
}
