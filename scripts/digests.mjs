// The page's two kinds of digest, in one place for the build hook (csp-hashes.mjs), the
// bench's floor page (bench.mjs) and bundle experiments (swap-bundle.mjs): a file's
// subresource-integrity digest, and the CSP hashes of a page's inline scripts.
import { createHash } from 'node:crypto';

/** `sha384-…`, as an integrity attribute or import map names a file. */
export const sri = (body) => `sha384-${createHash('sha384').update(body).digest('base64')}`;

/** `'sha256-…'` of every inline <script> (the import map and the loader), for script-src. */
export const inlineScriptHashes = (html) =>
  [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );

/** A built page with its policy's inline-script hashes made anew after its scripts changed. */
export function rehashed(html) {
  const policy = /(script-src 'self' 'wasm-unsafe-eval')( 'sha256-[^']+')+/;
  if (!policy.test(html)) throw new Error("digests: no script-src with inline-script hashes in the page");
  return html.replace(policy, `$1 ${inlineScriptHashes(html).join(' ')}`);
}
