// Embed mode in an iframe on a host page of the same test server: the compact view,
// its chart, the height it posts to the host, forced themes; and the Embed dialog of
// the full page that hands out the snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, expectTotal, openPage, ROOT, serve, tabTo, useSite, waitForApp } from './helpers.mjs';

const OUT = join(ROOT, 'e2e', 'screenshots');
const SCENARIO = 'memory=1024&duration=2000&requests=7440000';
const OPEN_FRAGMENT = `#v=1&region=us-east-1&arch=x86_64&${SCENARIO}`;

// The host-side resize script, exactly as the README documents it.
const README = await readFile(join(ROOT, 'README.md'), 'utf8');
const RESIZE_SCRIPT = README.match(/```html\n(<script>\n[\s\S]*?lambda-cost:height[\s\S]*?<\/script>)\n```/)[1];

// A page somebody else wrote: an iframe, the README's resize script, and a recorder of
// the messages. `?frag=` swaps the iframe's fragment for other cases.
const HOST = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>Host page</title>
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <style>body { margin: 0; padding: 12px; font: 16px sans-serif; } iframe { display: block; }</style>
</head>
<body>
  <h1>Our Lambda budget</h1>
  <iframe id="calc" src="./#${SCENARIO.replaceAll('&', '&amp;')}&amp;embed=1&amp;chart=pc" title="AWS Lambda cost"
    width="100%" height="520" style="border:0"></iframe>
  <p id="after">Text after the frame.</p>
  ${RESIZE_SCRIPT}
  <script>
    window.heights = [];
    const f = document.getElementById('calc');
    const frag = new URLSearchParams(location.search).get('frag');
    if (frag) f.src = './#' + frag;
    addEventListener('message', (e) => {
      if (e.source === f.contentWindow && e.data?.type === 'lambda-cost:height') heights.push(e.data);
    });
  </script>
</body>
</html>`;

// A bare page for a snippet the test pastes in, as a blog's 800 px column would hold it.
const SNIPPET_HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Snippet host</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<style>body { margin: 0; padding: 12px; } iframe { display: block; }</style></head>
<body></body></html>`;

const site = useSite({ extra: { '/embed-host.html': { body: HOST }, '/snippet-host.html': { body: SNIPPET_HOST } }, outDir: OUT });

/** Opens the host page; resolves with the page, the embedded frame and the recorders. */
async function host(query = '', options = {}) {
  const p = await openPage(site.browser, { viewport: { width: 800, height: 900 }, ...options });
  await p.page.goto(`${site.server.url}embed-host.html${query}`);
  p.frame = await (await p.page.waitForSelector('#calc')).contentFrame();
  // After a ?frag= swap the first navigation is cancelled: wait for the one that counts.
  await p.page.waitForFunction(() => document.getElementById('calc').contentWindow.location.hash.includes('embed=1'));
  p.frame = await (await p.page.$('#calc')).contentFrame();
  await waitForApp(p.frame);
  return p;
}

async function chartDrawn(frame, id) {
  await frame.waitForFunction((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.draws) >= 1, id);
  return frame.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return { colours: colours.size, corner: [data[0], data[1], data[2]] };
  }, id);
}

/** Waits until the iframe's height is the last height posted and that height fits the content. */
async function fitted(page, frame) {
  await page.waitForFunction(() => {
    const last = heights.at(-1);
    return last && Math.abs(document.getElementById('calc').getBoundingClientRect().height - last.height) < 1;
  });
  const last = await page.evaluate(() => heights.at(-1).height);
  const content = await frame.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(Math.abs(content - last) <= 1, `frame content is ${content}px, iframe ${last}px`);
  return last;
}

test('the embedded view: total, bill, the chosen chart, a link out, no form', async () => {
  const p = await host();
  const { page, frame } = p;
  await expectTotal(frame, '$249.49');
  assert.equal(await frame.locator('input, select, textarea, form').count(), 0, 'no form in embed mode');
  assert.equal(await frame.locator('button:visible').count(), 0, 'no visible buttons in embed mode');
  assert.equal(await frame.locator('.bill-table tbody tr').count(), 2);
  assert.match(await frame.textContent('[data-testid="embed-summary"]'), /us-east-1 · x86_64 · 1,024 MB · 2,000 ms · 7,440,000 requests\/month/);
  assert.match(await frame.textContent('.embed-prices'), /^Prices: AWS, USD rates as of \d{4}-\d\d-\d\d\.$/);

  // chart=pc: that chart only, drawn.
  assert.equal(await frame.locator('canvas').count(), 1);
  const chart = await chartDrawn(frame, 'chart-pc');
  assert.ok(chart.colours > 20, `chart-pc looks blank (${chart.colours} colours)`);

  const open = frame.locator('[data-testid="embed-open"]');
  // The host's link without the view options: the full page on the same scenario.
  assert.equal(await open.getAttribute('href'), `${site.server.url}#${SCENARIO}`);
  assert.equal(await open.getAttribute('target'), '_blank');
  assert.equal(await open.getAttribute('rel'), 'noopener');

  // The page leaves its URL alone (the full page writes it 150 ms after a change).
  await page.waitForTimeout(400);
  assert.equal(await frame.evaluate(() => location.hash), `#${SCENARIO}&embed=1&chart=pc`);

  // A host that changes the iframe's fragment gets the new scenario, still unwritten.
  const other = '#memory=1536&duration=120&requests=3000000&free=1&embed=1&chart=pc';
  await frame.evaluate((h) => { location.hash = h; }, other);
  await expectTotal(frame, '$2.73');
  assert.match(await open.getAttribute('href'), /\/#memory=1536&duration=120&requests=3000000&free=1$/);
  await page.waitForTimeout(300);
  assert.equal(await frame.evaluate(() => location.hash), other);
  await p.done();
});

// The total and the bill are described once (src/ui/view.rs) and put on the page two
// ways: through Yew in the calculator, with plain DOM calls in the embed view.
test('the embed view shows the total and the bill in the calculator\'s markup, node for node', async () => {
  // Unconfirmed rates: the notes and their buttons are in the bill too.
  const scenario = 'region=ap-east-2&memory=1024&duration=2000&requests=7440000&free=1';
  const markup = async (fragment) => {
    const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
    await p.page.goto(`${site.server.url}#${fragment}`);
    await waitForApp(p.page);
    const html = await p.page.evaluate(() => [document.getElementById('bill').outerHTML, document.querySelector('.bill-table').outerHTML]);
    await p.done();
    return html;
  };
  const [calculator, embedded] = [await markup(scenario), await markup(`${scenario}&embed=1`)];
  assert.match(calculator[0], /data-testid="unconfirmed-rates".*<button type="button" class="link-button" data-rate-field="r_dur">/s);
  assert.match(calculator[1], /<tbody><tr><th scope="row">Requests<\/th>/);
  // The same, less the buttons that open a rate's field: the embed view has no fields.
  assert.match(embedded[0], /<li><span>duration tier 1 \(x86_64\): not found for this region[^<]*<\/span><\/li>/);
  assert.doesNotMatch(embedded[0], /<button/);
  assert.equal(embedded[0], calculator[0].replaceAll(/ <button [^>]*>[^<]*<\/button>/g, ''));
  assert.equal(embedded[1], calculator[1]);
});

// The memory chart's sweeps are computed after the first frame (src/ui/embed.rs, `Stage`):
// that frame shows the total and holds the chart's place, so nothing moves when it comes.
test('the embed view shows its total before the chart\'s sweeps, and nothing moves when the chart comes', async () => {
  for (const viewport of [{ width: 800, height: 900 }, { width: 390, height: 844 }]) {
    const p = await openPage(site.browser, { viewport });
    await p.page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        const total = document.querySelector('[data-testid="monthly-total"]');
        if (!total?.textContent.trim()) return;
        seen.disconnect();
        const chart = document.querySelector('.embed-chart');
        window.first = {
          footer: document.querySelector('.embed-footer').getBoundingClientRect().top,
          chart: chart.getBoundingClientRect().height,
          drawn: document.querySelector('[data-testid="chart-memory"]') !== null,
        };
      });
      seen.observe(document, { childList: true, subtree: true, characterData: true });
    });
    await p.page.goto(`${site.server.url}#${SCENARIO}&embed=1`);
    await chartDrawn(p.page, 'chart-memory');
    const first = await p.page.evaluate(() => window.first);
    const now = await p.page.evaluate(() => ({
      footer: document.querySelector('.embed-footer').getBoundingClientRect().top,
      chart: document.querySelector('.embed-chart').getBoundingClientRect().height,
    }));
    assert.equal(first.drawn, false, `${viewport.width}: the first frame waits for no sweep`);
    assert.equal(now.chart, first.chart, `${viewport.width}: the chart's card keeps its height`);
    assert.equal(now.footer, first.footer, `${viewport.width}: the footer stays where it was`);
    await p.done();
  }
});

test('the embedded page posts its height; the host resizes the iframe to fit', async () => {
  const p = await host();
  const { page, frame } = p;
  const wide = await fitted(page, frame);
  const messages = await page.evaluate(() => heights);
  for (const m of messages) {
    assert.deepEqual(Object.keys(m).sort(), ['height', 'type'], 'only a type and a number');
    assert.ok(Number.isInteger(m.height) && m.height > 100, `height ${m.height}`);
  }
  await page.screenshot({ path: join(OUT, 'embed-800.png'), fullPage: true });

  // Narrower: the bill stacks, the content grows, the host is told.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction((h) => heights.at(-1).height !== h, wide);
  const narrow = await fitted(page, frame);
  assert.ok(narrow > wide, `390px: ${narrow}px, 800px: ${wide}px`);
  const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `embed is ${overflow}px wider than its frame`);
  await chartDrawn(frame, 'chart-pc');
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(OUT, 'embed-390.png'), fullPage: true });
  await p.done();
});

test('a top-level page in embed mode posts nothing', async () => {
  const p = await openPage(site.browser, { viewport: { width: 800, height: 900 } });
  const { page } = p;
  await page.addInitScript(() => {
    window.posted = [];
    const post = window.postMessage.bind(window);
    window.postMessage = (...args) => { window.posted.push(args[0]); return post(...args); };
  });
  await page.goto(`${site.server.url}#${SCENARIO}&embed=1`);
  await waitForApp(page);
  await chartDrawn(page, 'chart-memory');
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.posted), []);
  await p.done();
});

for (const [scheme, theme, background, dark] of [
  ['light', 'dark', 'rgb(15, 18, 22)', true],
  ['dark', 'light', 'rgb(247, 247, 245)', false],
  ['dark', 'auto', 'rgb(15, 18, 22)', true],
]) {
  test(`theme=${theme} in a ${scheme} system: ${dark ? 'dark' : 'light'} page and chart`, async () => {
    const frag = `${SCENARIO}&embed=1&chart=memory&theme=${theme}`;
    const p = await host(`?frag=${encodeURIComponent(frag)}`, { colorScheme: scheme });
    const { page, frame } = p;
    assert.equal(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor), background);
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme ?? 'auto'), theme);
    const chart = await chartDrawn(frame, 'chart-memory');
    assert.ok(chart.colours > 20, `chart looks blank (${chart.colours} colours)`);
    const luminance = chart.corner.reduce((a, b) => a + b, 0) / 3;
    assert.equal(luminance < 128, dark, `chart background ${chart.corner}`);
    if (theme === 'dark') await page.screenshot({ path: join(OUT, 'embed-800-dark.png'), fullPage: true });
    await p.done();
  });
}

test('the Embed dialog hands out an iframe and a Markdown snippet; Esc closes it', async () => {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  const { page } = p;
  await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.server.url).origin });
  await page.goto(`${site.server.url}#${SCENARIO}`);
  await waitForApp(page);
  const button = page.locator('[data-testid="embed-button"]');
  await button.click();
  const dialog = page.locator('dialog[data-testid="embed-dialog"]');
  await page.waitForFunction(() => document.querySelector('dialog').open);
  assert.ok(await dialog.evaluate((d) => d.matches(':modal')), 'opened with showModal');

  const iframe = page.locator('[data-testid="embed-iframe"]');
  const snippet = await iframe.inputValue();
  assert.match(snippet, /^<iframe src=".*" title="AWS Lambda cost: us-east-1 · x86_64 · 1,024 MB · 2,000 ms · 7,440,000 requests\/month" width="100%" height="795" style="border:0" loading="lazy"><\/iframe>$/);
  // The resize script is shown, not folded away.
  assert.ok(await page.locator('details.embed-host').evaluate((d) => d.open), 'the host script is shown');
  assert.ok(await page.locator('details.embed-host pre').isVisible());
  // The snippet is real HTML: parsed, its src is this page with the scenario and embed=1.
  const src = await page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').querySelector('iframe').src, snippet);
  assert.equal(src, `${site.server.url}${OPEN_FRAGMENT}&embed=1&chart=memory`);
  assert.ok(await iframe.evaluate((a) => a.readOnly), 'read-only');

  await page.selectOption('#embed-chart', 'pc');
  await page.selectOption('#embed-theme', 'dark');
  assert.match(await iframe.inputValue(), /&amp;embed=1&amp;chart=pc&amp;theme=dark"/);

  const markdown = await page.inputValue('[data-testid="embed-markdown"]');
  assert.match(markdown, /\| \*\*Total\*\* \| \| \| \| \| \*\*\$249\.49\*\* \|/);
  assert.ok(markdown.endsWith(`[Open in the AWS Lambda cost calculator](${site.server.url}${OPEN_FRAGMENT})\n`), markdown);

  // Copy through the Clipboard API...
  await page.click('[data-testid="embed-iframe-copy"]');
  await page.locator('.embed-snippet [role="status"]', { hasText: 'Copied.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await iframe.inputValue());
  // ...or, where it is refused, by selecting the text for Ctrl+C.
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); });
  await page.click('[data-testid="embed-markdown-copy"]');
  await page.locator('.embed-snippet [role="status"]', { hasText: 'Selected' }).waitFor();
  const selection = await page.evaluate(() => {
    const a = document.activeElement;
    return [a.dataset.testid, a.selectionStart, a.selectionEnd, a.value.length];
  });
  assert.deepEqual(selection, ['embed-markdown', 0, markdown.length, markdown.length]);

  await page.screenshot({ path: join(OUT, 'embed-dialog-1280.png') });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog').open);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'embed-button');

  // The Close button closes it too, and focus comes back the same way.
  await button.click();
  await page.waitForFunction(() => document.querySelector('dialog').open);
  await page.click('.embed-dialog-head button');
  await page.waitForFunction(() => !document.querySelector('dialog').open);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'embed-button');
  await p.done();
});

test('a host page on another origin embeds the calculator and receives its height', async () => {
  // The host is served from a second server (another port: another origin), as a blog
  // embedding the calculator would be.
  const src = `${site.server.url}#${SCENARIO}&embed=1&chart=pc`;
  const page = HOST.replace(/<iframe id="calc" src="[^"]*"/, `<iframe id="calc" src="${src.replaceAll('&', '&amp;')}"`)
;
  const other = await serve(DIST, { '/blog.html': { body: page } });
  try {
    const hostOrigin = new URL(other.url).origin;
    const calcOrigin = new URL(site.server.url).origin;
    assert.notEqual(hostOrigin, calcOrigin);
    const p = await openPage(site.browser, { viewport: { width: 800, height: 900 } }, { allowOrigins: [hostOrigin, calcOrigin] });
    await p.page.goto(`${other.url}blog.html`);
    const frame = await (await p.page.waitForSelector('#calc')).contentFrame();
    await waitForApp(frame);
    await expectTotal(frame, '$249.49');
    // Cross-origin: the host cannot read the frame's document, only its messages.
    assert.equal(await p.page.evaluate(() => {
      try { return document.getElementById('calc').contentDocument === null; } catch { return true; }
    }), true);
    const last = await fitted(p.page, frame);
    const messages = await p.page.evaluate(() => heights);
    assert.ok(messages.length > 0, 'the host received a height');
    for (const m of messages) assert.deepEqual(Object.keys(m).sort(), ['height', 'type']);
    assert.equal(Math.round(await p.page.evaluate(() => document.getElementById('calc').getBoundingClientRect().height)), last);
    // Only the host page and the calculator's files were fetched.
    assert.ok(p.requests.some((u) => u.startsWith(site.server.url)) && p.requests.some((u) => u.startsWith(other.url)));
    await p.done();
  } finally {
    await other.close();
  }
});

test('keyboard only: Tab to Embed, Enter opens the dialog, Tab stays inside it, Esc closes it', async () => {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  const { page } = p;
  await page.goto(`${site.server.url}#${SCENARIO}`);
  await waitForApp(page);
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '[data-testid="embed-button"]', { max: 200 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('dialog')?.open);
  // The chart choice is reached and changed with the keys of a select.
  await tabTo(page, '#embed-chart', { max: 20 });
  await page.keyboard.press('ArrowDown');
  const chart = await page.inputValue('#embed-chart');
  assert.notEqual(chart, 'memory', 'ArrowDown picked the next chart');
  assert.match(await page.inputValue('[data-testid="embed-iframe"]'), new RegExp(`chart=${chart}"`));
  // A modal dialog keeps the focus inside while tabbing round.
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => {
      const a = document.activeElement;
      return a === document.body || document.querySelector('dialog').contains(a);
    });
    assert.ok(inside, `Tab ${i + 1} left the dialog`);
  }
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog').open);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'embed-button');
  await p.done();
});

test('the snippet\'s height fits each view: no scrolling, at most 48 px blank, without the resize script', async () => {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  const { page } = p;
  await page.goto(`${site.server.url}#${SCENARIO}`);
  await waitForApp(page);
  await page.click('[data-testid="embed-button"]');
  await page.waitForFunction(() => document.querySelector('dialog').open);
  const snippets = {};
  for (const chart of ['memory', 'volume', 'pc', 'compute', 'none']) {
    await page.selectOption('#embed-chart', chart);
    snippets[chart] = await page.inputValue('[data-testid="embed-iframe"]');
  }
  await p.done();

  for (const [chart, snippet] of Object.entries(snippets)) {
    const h = await openPage(site.browser, { viewport: { width: 800, height: 1200 } });
    await h.page.goto(`${site.server.url}snippet-host.html`);
    await h.page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), snippet);
    const frame = await (await h.page.waitForSelector('iframe')).contentFrame();
    await waitForApp(frame);
    await h.page.waitForTimeout(300);
    const fit = await frame.evaluate(() => ({
      frame: innerHeight,
      content: Math.ceil(document.querySelector('main.embed').getBoundingClientRect().height),
      scroll: document.documentElement.scrollHeight,
    }));
    assert.ok(fit.scroll <= fit.frame, `chart=${chart}: the frame scrolls (${fit.scroll}px of content in ${fit.frame}px)`);
    assert.ok(fit.frame - fit.content <= 48, `chart=${chart}: ${fit.frame - fit.content}px blank under ${fit.content}px`);
    if (chart === 'memory') await h.page.screenshot({ path: join(OUT, 'embed-snippet-default-height.png'), fullPage: true });
    await h.done();
  }
});

test('a host that changes the fragment sees no height in between the old and the new', async () => {
  const p = await host();
  const { page, frame } = p;
  await fitted(page, frame);
  const changes = [
    'memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&discount=17&embed=1&chart=pc',
    `${SCENARIO}&embed=1&chart=compute`,
    'memory=1536&duration=120&requests=3000000&free=1&pc=100&pc_hours=8&pc_requests=500000&discount=17&embed=1&chart=memory',
    `${SCENARIO}&embed=1&chart=none`,
    `${SCENARIO}&embed=1&chart=pc`,
  ];
  let moved = 0;
  for (const fragment of changes) {
    const start = await page.evaluate(() => heights.at(-1).height);
    await page.evaluate((f) => { heights.length = 0; document.getElementById('calc').src = `./#${f}`; }, fragment);
    // Every height posted until the frame has settled on the new content.
    await page.waitForTimeout(800);
    const posted = await page.evaluate(() => heights.map((m) => m.height));
    const end = posted.at(-1) ?? start;
    const content = await frame.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(Math.abs(content - end) <= 1, `${fragment}: content ${content}px, last height ${end}px`);
    if (end !== start) moved++;
    const between = posted.slice(0, -1).filter((h) => h !== start && h !== end);
    assert.deepEqual(between, [], `${fragment}: ${start} -> ${posted.join(' -> ')}`);
  }
  assert.ok(moved >= 3, `the height changed ${moved} times`);
  await p.done();
});
