// Accessibility: axe-core (node_modules/axe-core) on the full page and the embed view,
// light and dark, desktop and phone. No serious or critical violation is allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPage, ROOT, useSite, waitForApp } from './helpers.mjs';

// The page's CSP allows no inline script, so axe is evaluated over the DevTools protocol
// (page.evaluate), which CSP does not apply to, rather than added as a <script>.
const AXE = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SCENARIO = '#v=1&region=us-east-1&arch=x86_64&memory=1024&duration=2000&requests=7440000&pc=2&pc_requests=100000';

const site = useSite();

const VIEWS = [
  ['full page', SCENARIO],
  ['embed view', `${SCENARIO}&embed=1&chart=memory`],
];
const SCHEMES = ['light', 'dark'];
const SIZES = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

for (const [view, hash] of VIEWS) {
  for (const scheme of SCHEMES) {
    for (const [size, options] of SIZES) {
      test(`axe: ${view}, ${scheme}, ${size}: no serious or critical violation`, async () => {
        const p = await openPage(site.browser, { ...options, colorScheme: scheme });
        await p.page.goto(site.server.url + hash);
        await waitForApp(p.page);
        // Let the charts and the lazily drawn cards settle.
        await p.page.waitForTimeout(300);
        await p.page.evaluate(AXE);
        const violations = await p.page.evaluate(async () => {
          const result = await window.axe.run(document, { resultTypes: ['violations'] });
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
            }));
        });
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        await p.done();
      });
    }
  }
}
