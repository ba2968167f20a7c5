// Shared helpers for the browser tests and the benchmark: a static server for dist/,
// a headless Chromium, and a page wrapper that records console errors and requests.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * errors (console errors, page errors, failed requests, HTTP >= 400) and every request URL.
 */
export async function openPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => {
    // location() names the failing URL for "Failed to load resource" (e.g. a missing favicon).
    if (m.type() === 'error') errors.push(`console.error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => {
    // A reload or navigation cancels what is still loading (e.g. the favicon): not a fault.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { context, page, errors, requests, close: () => context.close() };
}

/** Request URLs that leave `origin` (data: and blob: URLs never touch the network). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
}

/** Waits for the app's total to show a dollar amount; returns the text. */
export async function waitForApp(page, timeout = 20_000) {
  await page.waitForFunction(
    (sel) => /^\$[\d,]+\.\d{2}$/.test(document.querySelector(sel)?.textContent.trim() ?? ''),
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
  try {
    await page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.textContent.trim() === want,
      [TOTAL, expected],
      { timeout },
    );
  } catch {
    throw new Error(`total is ${JSON.stringify(await totalText(page))}, expected ${expected}`);
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
