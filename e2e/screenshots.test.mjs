// Screenshots for a person to look at (e2e/screenshots/, not committed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openPage, ROOT, setInput, useSite, waitForApp } from './helpers.mjs';

const OUT = join(ROOT, 'e2e', 'screenshots');
const site = useSite({ outDir: OUT });

for (const [width, height, mobile] of [[390, 844, true], [1280, 800, false]]) {
  test(`screenshots at ${width}x${height}`, async () => {
    const p = await openPage(site.browser, { viewport: { width, height }, isMobile: mobile, hasTouch: mobile });
    await p.page.goto(site.server.url);
    await waitForApp(p.page);
    await p.page.screenshot({ path: join(OUT, `default-${width}x${height}.png`), fullPage: true });
    await setInput(p.page, '#memory', '64');
    await p.page.waitForTimeout(100);
    await p.page.screenshot({ path: join(OUT, `memory-error-${width}x${height}.png`), fullPage: true });
    // Nothing may stick out sideways on a phone.
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the ${width}px viewport`);
    await p.done();
  });
}
