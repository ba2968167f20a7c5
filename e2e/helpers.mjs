// Shared helpers for the browser tests and the benchmark: a static server for dist/,
// a headless Chromium, and a page wrapper that records console errors and requests.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { after, before } from 'node:test';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const DIST = resolve(process.env.E2E_DIST || join(ROOT, 'dist'));
export const SUB_PATH = '/sub/path/';
export const TOTAL = '[data-testid="monthly-total"]';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/**
 * Serves `root` on 127.0.0.1 at a free port, both at `/` and under SUB_PATH.
 * Returns { url, subUrl, log, notFound, close }; log holds every path requested.
 * `extra` adds files that are not in `root`: { '/path': { body, type } } (e.g. a host
 * page for the embed tests).
 */
export async function serve(root = DIST, extra = {}) {
  const log = [];
  const notFound = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    log.push(path);
    // The sub-path without its trailing slash must redirect, or relative URLs break.
    if (path === SUB_PATH.slice(0, -1)) {
      res.writeHead(301, { Location: SUB_PATH }).end();
      return;
    }
    if (Object.hasOwn(extra, path)) {
      const { body, type = 'text/html; charset=utf-8' } = extra[path];
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
      return;
    }
    const rel = path.startsWith(SUB_PATH) ? path.slice(SUB_PATH.length) : path.slice(1);
    let file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const info = await stat(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      notFound.push(path);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${url}/`,
    subUrl: `${url}${SUB_PATH}`,
    log,
    notFound,
    close: () => new Promise((ok) => server.close(ok).closeAllConnections()),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Headless Debian Chromium; playwright gives every launch a fresh temporary user-data-dir. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a new context + page and records what the page does:
 * errors (console errors, page errors, failed requests, HTTP >= 400) and every request URL
 * of the context (its pages, frames and service worker).
 *
 * `done()` is the hygiene check every test ends with: no error, and no request left the
 * origins in `allowOrigins` (by default the origin of the first request), then it closes
 * the context. A test that expects an error empties `errors` before calling it.
 */
export async function openPage(browser, contextOptions = {}, { allowOrigins } = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  const record = (pg) => {
    pg.on('console', (m) => {
      // location() names the failing URL for "Failed to load resource" (e.g. a missing favicon).
      if (m.type() === 'error') errors.push(`console.error: ${m.text()} (${m.location().url})`);
    });
    pg.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  };
  record(page);
  context.on('page', record);
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => {
    // A reload or navigation cancels what is still loading (e.g. the favicon): not a fault.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    // Offline, the service worker tries the network before its cache; the page's own
    // request is what must not fail.
    if (r.serviceWorker() && r.failure()?.errorText === 'net::ERR_INTERNET_DISCONNECTED') return;
    errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  context.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const p = { context, page, errors, requests, close: () => context.close() };
  p.done = async () => {
    const first = requests.find((u) => /^https?:/.test(u));
    const allowed = allowOrigins ?? (first ? [new URL(first).origin] : []);
    assert.deepEqual(errors, [], 'console/page/request errors');
    assert.deepEqual(
      requests.filter((u) => !/^(data|blob|about|chrome-extension):/.test(u) && !allowed.includes(new URL(u).origin)),
      [],
      'requests that left the origin',
    );
    await context.close();
  };
  return p;
}

/** Holds the files matching `pattern` until `release()` is called, as a slow network
 * would; returns `release`. */
export async function holdFiles(page, pattern) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The files whose path matches `pattern` that the page (or its worker) fetched, each once. */
export const fetchedOnce = (p, pattern) => [...new Set(p.requests.filter((u) => pattern.test(new URL(u).pathname)))];

/**
 * Serves the files matching `pattern` changed by `change(body)` (a Buffer, changed in
 * place), as a tampering host or a corrupted cache would; returns a counter of the
 * files served so. Undo with `page.unroute(pattern)`.
 */
export async function serveTampered(page, pattern, change) {
  const served = { count: 0 };
  await page.route(pattern, async (route) => {
    const response = await route.fetch();
    const body = Buffer.from(await response.body());
    change(body);
    served.count += 1;
    await route.fulfill({ response, body });
  });
  return served;
}

/** One byte near the end of a Wasm file flipped. */
export const flipNearEnd = (body) => { body[body.length - 100] ^= 0xff; };

/** One space of a module's indentation made a tab: harmless code, so only its digest can refuse it. */
export const indentWithTab = (body) => {
  const indent = body.indexOf('\n    ');
  if (indent < 0) throw new Error('the module has no indented line');
  body[indent + 1] = 0x09;
};

/** Request URLs that leave `origin` (data: and blob: URLs never touch the network). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
}

/** Waits for the app's total to show a dollar amount; returns the text. */
export async function waitForApp(page, timeout = 20_000) {
  // The total comes first; the form and the rest of the page in the task after it. The
  // page has started once its first frame (src/ui/page_frame.rs) is gone: its effects,
  // which listen to the link, have run then.
  await page.waitForFunction(
    (sel) => /^\$[\d,]+\.\d{2}$/.test(document.querySelector(sel)?.textContent.trim() ?? '')
      && (document.querySelector('form.workload') || document.querySelector('main.embed'))
      && !document.querySelector('[data-first-frame]'),
    TOTAL,
    { timeout },
  );
  return totalText(page);
}

export async function totalText(page) {
  return (await page.textContent(TOTAL)).trim();
}

export function dollars(text) {
  return Number(text.replace(/[$,]/g, ''));
}

/** Waits until the total reads `expected`; fails with the text it had instead. */
export async function expectTotal(page, expected, timeout = 5_000) {
  await expectText(page, TOTAL, expected, timeout, 'total');
}

/** Waits until the first `selector` reads `expected`; fails with the text it had instead. */
export async function expectText(page, selector, expected, timeout = 10_000, name = selector) {
  try {
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.textContent.trim() === want,
      [selector, expected],
      { timeout },
    );
  } catch {
    const text = await page.locator(selector).first().textContent().catch(() => null);
    throw new Error(`${name} is ${JSON.stringify(text?.trim() ?? text)}, expected ${expected}`);
  }
}

/**
 * Sets a text/number input the way a user would end up with `value`. Numbers go in with
 * one input event (fill); anything else is typed key by key after clearing, since Chromium
 * refuses fill() of non-numeric text into type=number inputs.
 */
export async function setInput(page, selector, value) {
  if (value === '' || /^-?\d+(\.\d+)?$/.test(value)) {
    await page.fill(selector, value);
  } else {
    await page.fill(selector, '');
    await page.locator(selector).pressSequentially(value);
  }
}

/** Visible, non-empty error text of `#<id>-error`, or '' when absent/empty/hidden. */
export async function fieldError(page, id) {
  const el = page.locator(`#${id}-error`);
  if ((await el.count()) === 0 || !(await el.isVisible())) return '';
  return ((await el.textContent()) ?? '').trim();
}

/**
 * Decodes an 8-bit RGB or RGBA PNG (what a canvas exports): the IDAT chunks inflated
 * with node's zlib and the scanline filters undone. Returns { width, height, rgba }.
 */
export function decodePng(bytes) {
  let pos = 8;
  let header;
  const idat = [];
  while (pos < bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const data = bytes.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], colour: data[9], interlace: data[12] };
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  const { width, height, depth, colour, interlace } = header;
  if (depth !== 8 || ![2, 6].includes(colour) || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
  }
  const channels = colour === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length !== height * (stride + 1)) throw new Error(`IDAT holds ${raw.length} bytes, not ${height * (stride + 1)}`);
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[row + x - channels] : 0;
      const b = y > 0 ? out[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? out[row - stride + x - channels] : 0;
      let predicted;
      switch (filter) {
        case 0: predicted = 0; break;
        case 1: predicted = a; break;
        case 2: predicted = b; break;
        case 3: predicted = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      out[row + x] = (line[x] + predicted) & 0xff;
    }
  }
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let k = 0; k < 3; k++) rgba[i * 4 + k] = out[i * channels + k];
    rgba[i * 4 + 3] = channels === 4 ? out[i * channels + 3] : 255;
  }
  return { width, height, rgba };
}

/** Distinct colours of decoded pixels, and the share of pixels unlike the top-left one. */
export function pixelStats({ rgba }) {
  const colours = new Set();
  const background = rgba.readUInt32BE(0);
  let drawn = 0;
  const n = rgba.length / 4;
  for (let i = 0; i < n; i++) {
    const v = rgba.readUInt32BE(i * 4);
    colours.add(v);
    if (v !== background) drawn++;
  }
  return { colours: colours.size, drawnShare: drawn / n };
}

/**
 * The set-up every test file shares: before its tests, `outDir` (if any) is created, dist/
 * is served (with `extra` files, see `serve`) and Chromium launched; after them both are
 * closed. Returns the object whose `server` and `browser` the tests use, and `open`.
 *
 * `site.open(path, contextOptions, { initScript })` opens `path` of the site (a page and
 * fragment: `fleet.html`, `#memory=512`) in a new recording page (`openPage`), after
 * adding `initScript` if given; its `done()` checks no error and no request off the
 * site's origin.
 */
export function useSite({ extra = {}, outDir } = {}) {
  const site = { server: undefined, browser: undefined };
  site.open = async (path = '', contextOptions = {}, { initScript } = {}) => {
    const origin = new URL(site.server.url).origin;
    const p = await openPage(site.browser, contextOptions, { allowOrigins: [origin] });
    if (initScript) await p.page.addInitScript(initScript);
    await p.page.goto(site.server.url + path);
    return p;
  };
  before(async () => {
    if (outDir) await mkdir(outDir, { recursive: true });
    site.server = await serve(DIST, extra);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Presses Tab (or Shift+Tab) until `selector` has the focus; fails after `max` presses. */
export async function tabTo(page, selector, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Replaces the focused field's text the way a person does: select all, type. */
export async function retype(page, text) {
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** Clicks the button with `testid` and returns the download's name, bytes and text. */
export async function download(page, testid) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.click(`[data-testid="${testid}"]`),
  ]);
  assert.equal(await file.failure(), null, `${testid}: download failed`);
  assert.match(file.url(), /^blob:/, `${testid}: saved from a blob: URL`);
  const bytes = await readFile(await file.path());
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}
