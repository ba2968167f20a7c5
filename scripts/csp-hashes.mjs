// Trunk post-build hook: replaces {{INLINE_SCRIPT_HASHES}} in each built page's
// Content-Security-Policy with the sha256 of every inline <script>, so the policy allows
// exactly the loader Trunk wrote and nothing else.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp-hashes: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
// Every page Trunk built in this run (index.html, or fleet.html in the fleet build).
const pages = readdirSync(dir).filter((name) => name.endsWith('.html'));
if (pages.length === 0) throw new Error('csp-hashes: no HTML page in the staging directory');
for (const page of pages) {
  const file = join(dir, page);
  const html = readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  if (!html.includes('{{INLINE_SCRIPT_HASHES}}')) throw new Error(`csp-hashes: placeholder missing in ${page}`);
  writeFileSync(file, html.replace('{{INLINE_SCRIPT_HASHES}}', hashes.join(' ')));
  console.log(`csp-hashes: ${page}: ${hashes.length} inline script hash(es) added`);
}
