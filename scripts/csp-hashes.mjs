// Trunk post-build hook: replaces {{INLINE_SCRIPT_HASHES}} in the built index.html's
// Content-Security-Policy with the sha256 of every inline <script>, so the policy allows
// exactly the loader Trunk wrote and nothing else.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('csp-hashes: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const hashes = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
);
if (!html.includes('{{INLINE_SCRIPT_HASHES}}')) throw new Error('csp-hashes: placeholder missing in index.html');
writeFileSync(file, html.replace('{{INLINE_SCRIPT_HASHES}}', hashes.join(' ')));
console.log(`csp-hashes: ${hashes.length} inline script hash(es) added`);
