// Trunk post-build hook: replaces {{INLINE_SCRIPT_HASHES}} in each built page's
// Content-Security-Policy with the sha256 of every inline <script>, so the policy allows
// exactly the import map and the loader in the page and nothing else.
//
// Before that it replaces Trunk's loader and its preload links with an import map of the
// modules' digests (`importMap`) and one inline script (`loader`) that fetches the Wasm
// with its digest, so the code that runs, JS and Wasm, is the code the digests name.
// With EMBED_DIST set (`make build` builds the embed view's bundle there first, from
// embed.html), index.html's loader picks its bundle before fetching any: the embed view's
// when the fragment says `embed=1` (read as the app reads it: the last `embed` pair
// counts), the calculator's otherwise; with EMBED_COMPUTE_DIST (from embed-compute.html),
// the embed view's with the comparison of ways to run it for `chart=compute`, and with
// EMBED_RUNS_DIST (from embed-runs.html) the one with a link's Power Tuning runs for the
// other links with runs. With
// READER_DIST set (the Power Tuning reader's bundle, built from reader.html), index.html's
// loader also defines `powerTuningReader()`, which the app calls the first time it reads a
// Power Tuning paste; with EXPORTS_DIST set (the exports' bundle, built from exports.html),
// `exportFiles()`, which it calls the first time an export button makes a file. With
// EMBED_DIST, index.html's loader also adds the stylesheet of the view it picked (base.css
// joined with calculator.css or embed.css), so an embed loads none of the form's styles.
import { createHash } from 'node:crypto';
import { inlineScriptHashes, sri } from './digests.mjs';
import { copyFileSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp-hashes: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');

/** A tag's attributes, quoted or not (Trunk's minified HTML drops the quotes). */
function attributes(tag) {
  const out = {};
  for (const [, name, value = ''] of tag.matchAll(/([\w-]+)(?:=("[^"]*"|'[^']*'|[^\s"'>]+))?/g)) {
    out[name.toLowerCase()] = value.replace(/^["']|["']$/g, '');
  }
  return out;
}

/** Trunk's loader of one page: its inline module script and its two preload links. */
function trunkLoader(html, page) {
  const script = html.match(/<script type=(?:"module"|module)>\s*import init, \* as bindings from '[^']+';[\s\S]*?<\/script>/);
  const links = [...html.matchAll(/<link\b[^>]*>/g)].map(([tag]) => ({ tag, ...attributes(tag.slice(5, -1)) }));
  const js = links.find((l) => l.rel === 'modulepreload');
  const wasm = links.find((l) => l.rel === 'preload' && l.type === 'application/wasm');
  if (!script || !js || !wasm) throw new Error(`csp-hashes: Trunk's loader not found in ${page}`);
  return {
    tags: [script[0], js.tag, wasm.tag],
    bundle: { js: js.href, jsIntegrity: js.integrity, wasm: wasm.href, wasmIntegrity: wasm.integrity },
  };
}

/**
 * Our loader: `choose` is script that sets `b`, the bundle to load. For that bundle only it
 * preloads the module and fetches the Wasm, both checked against their digests, then
 * imports the module and hands it the Wasm's response, which the bindings compile as it
 * streams in. Given a path instead, wasm-bindgen's init would fetch the Wasm again without
 * the digest and run whatever came. (Compiling the Wasm in the loader while the module
 * loads was measured: no faster.) The script ships in every page, so its comments stay here.
 */
function loader(choose, modules, sheets) {
  // Each module loaded on first use resolves to its one function; a failed load is
  // forgotten, so the next call tries again.
  const loadOnDemand = modules.length === 0 ? '' : `
  const onDemand = (b, f) => {
    let p;
    return () => p ??= start(b).then(([m]) => m[f], (e) => { p = undefined; throw e; });
  };${modules.map(({ name, bundle, fn }) => `
  window.${name} = onDemand(${JSON.stringify(bundle)}, '${fn}');`).join('')}`;
  return `<script>
(() => {
  const start = (b) => {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: b.js, integrity: b.jsIntegrity, crossOrigin: 'anonymous' }));
    const wasmResponse = fetch(b.wasm, { integrity: b.wasmIntegrity });
    return import(b.js).then(async (m) => [m, await m.default({ module_or_path: wasmResponse })]);
  };
${choose}${sheets}
  start(b).then(([bindings, wasm]) => {
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  });${loadOnDemand}
})();
</script>`;
}

/** The bundle another Trunk run built into `from` (from `page`), copied beside ours. */
function bundleOf(from, page) {
  const bundle = trunkLoader(readFileSync(join(from, page), 'utf8'), `${from}/${page}`).bundle;
  for (const file of [bundle.js, bundle.wasm]) copyFileSync(join(from, file), join(dir, file));
  return bundle;
}

/**
 * The digests of the bundles' modules as an import map, so that `import()` itself checks
 * them: a modulepreload's integrity does not bind a later import, which fetches again,
 * unchecked, when the preload failed its check.
 */
function importMap(bundles) {
  const integrity = Object.fromEntries(bundles.map((b) => [b.js, b.jsIntegrity]));
  return `<script type="importmap">${JSON.stringify({ integrity })}</script>`;
}

/**
 * Replaces Trunk's loader of `page` with ours, placed before the stylesheet: an inline
 * script after a stylesheet waits for it to load, which held the module's and the Wasm's
 * fetches back by the CSS's round trip. With `embedDist` (index.html), the loader picks
 * the embed view's bundle when the fragment says `embed=1`, and with `embedComputeDist`
 * the one with the comparison of ways to run it when it also says `chart=compute`, and
 * with `embedRunsDist` the one with a link's Power Tuning runs when it carries runs (each
 * key read as the app reads it: the last pair counts); with `readerDist` and
 * `exportsDist`, it offers the Power Tuning reader and the exports.
 */
function replaceLoader(html, page, { embedDist, embedComputeDist, embedRunsDist, readerDist, exportsDist } = {}) {
  const own = trunkLoader(html, page);
  let choose = `  const b = ${JSON.stringify(own.bundle)};`;
  const bundles = [own.bundle];
  if (embedDist) {
    const embed = bundleOf(embedDist, 'embed.html');
    const compute = embedComputeDist ? bundleOf(embedComputeDist, 'embed-compute.html') : embed;
    const withRuns = embedRunsDist ? bundleOf(embedRunsDist, 'embed-runs.html') : compute;
    bundles.push(...new Set([embed, compute, withRuns]));
    // A Power Tuning key, percent-decoded as the app decodes keys (`holds_runs`), in
    // any pair: the small bundle draws no runs. The compute bundle reads them too.
    choose = `  let embed = false, compute = false, runs = false;
  for (const pair of location.hash.slice(1).split('&')) {
    const [key, value = ''] = pair.split(/=(.*)/s);
    if (key === 'embed') embed = value === '1';
    if (key === 'chart') compute = value === 'compute';
    try { if (['pt', 'pta', 'ptc', 'ptl'].includes(decodeURIComponent(key))) runs = true; } catch {}
  }
  const b = embed ? (compute ? ${JSON.stringify(compute)} : runs ? ${JSON.stringify(withRuns)} : ${JSON.stringify(embed)}) : ${JSON.stringify(own.bundle)};`;
  }
  const stylesheets = [...html.matchAll(/<link\b[^>]*\brel=(["']?)stylesheet\1[^>]*>/g)].map(([tag]) => ({ tag, ...attributes(tag.slice(5, -1)) }));
  if (stylesheets.length === 0) throw new Error(`csp-hashes: no stylesheet link in ${page}`);
  const withoutTrunk = own.tags.reduce((out, tag) => out.replace(tag, ''), html);
  // With the embed view, the loader adds one sheet in the parser's place: base.css with
  // calculator.css, or base.css with embed.css, each pair joined into one file here.
  // (As two files, the calculator's first result came 13 to 17 ms later in four A/B runs
  // of 50 loads, where one build against a copy of itself differs by 9 ms; one added
  // sheet showed no cost against the parser's link.)
  let sheets = '';
  let rest = withoutTrunk;
  let kept = stylesheets[0].tag;
  if (embedDist) {
    const part = (name) => {
      const link = stylesheets.find((l) => l.href.replace(/^\.\//, '').startsWith(`${name}-`));
      if (!link) throw new Error(`csp-hashes: no ${name}.css link in ${page}`);
      return join(dir, link.href);
    };
    const [base, calculator, embed] = ['base', 'calculator', 'embed'].map(part);
    const joined = (name, parts) => {
      const css = parts.map((f) => readFileSync(f, 'utf8')).join('\n');
      const file = `${name}-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
      writeFileSync(join(dir, file), css);
      return { href: `./${file}`, integrity: sri(css) };
    };
    const sheet = { calculator: joined('calculator', [base, calculator]), embed: joined('embed', [base, embed]) };
    for (const f of [base, calculator, embed]) unlinkSync(f);
    // Render-blocking, as the parser's link is: the page is not painted without it.
    sheets = `
  const sheet = Object.assign(document.createElement('link'), { rel: 'stylesheet', ...(embed ? ${JSON.stringify(sheet.embed)} : ${JSON.stringify(sheet.calculator)}) });
  sheet.setAttribute('blocking', 'render');
  document.head.append(sheet);`;
    rest = stylesheets.slice(1).reduce((out, { tag }) => out.replace(tag, ''), withoutTrunk);
    kept = '';
  }
  const modules = [];
  if (readerDist) modules.push({ name: 'powerTuningReader', bundle: bundleOf(readerDist, 'reader.html'), fn: 'read' });
  if (exportsDist) modules.push({ name: 'exportFiles', bundle: bundleOf(exportsDist, 'exports.html'), fn: 'make' });
  bundles.push(...modules.map((m) => m.bundle));
  return rest.replace(stylesheets[0].tag, importMap(bundles) + loader(choose, modules, sheets) + kept);
}

// Every page Trunk built in this run (index.html, or embed.html / fleet.html in their builds).
const pages = readdirSync(dir).filter((name) => name.endsWith('.html'));
if (pages.length === 0) throw new Error('csp-hashes: no HTML page in the staging directory');
for (const page of pages) {
  const file = join(dir, page);
  let html = readFileSync(file, 'utf8');
  // embed.html, embed-compute.html, embed-runs.html, reader.html and exports.html are
  // never served: index.html's build reads Trunk's loader in them to find their bundles,
  // so they keep it.
  if (page === 'index.html') {
    html = replaceLoader(html, page, {
      embedDist: process.env.EMBED_DIST,
      embedComputeDist: process.env.EMBED_COMPUTE_DIST,
      embedRunsDist: process.env.EMBED_RUNS_DIST,
      readerDist: process.env.READER_DIST,
      exportsDist: process.env.EXPORTS_DIST,
    });
  } else if (!['embed.html', 'embed-compute.html', 'embed-runs.html', 'reader.html', 'exports.html'].includes(page)) html = replaceLoader(html, page);
  const hashes = inlineScriptHashes(html);
  if (!html.includes('{{INLINE_SCRIPT_HASHES}}')) throw new Error(`csp-hashes: placeholder missing in ${page}`);
  writeFileSync(file, html.replace('{{INLINE_SCRIPT_HASHES}}', hashes.join(' ')));
  console.log(`csp-hashes: ${page}: ${hashes.length} inline script hash(es) added`);
}
