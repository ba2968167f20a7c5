// The calculator page: rendering, AWS's worked examples, validation, and hygiene
// (no console errors, no requests leaving the site's origin).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dollars, expectTotal, fieldError, openPage, retype, setInput, tabTo, TOTAL, totalText, useSite, waitForApp,
} from './helpers.mjs';

const site = useSite();

/** Opens the app; the caller must call `done()` at the end, which checks page hygiene. */
async function app() {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 800 } });
  await p.page.goto(site.server.url);
  await waitForApp(p.page);
  return p;
}

async function fillForm(page, { memory, duration, requests, region, arch, freeTier }) {
  if (region !== undefined) await page.selectOption('#region', region);
  if (arch !== undefined) await page.check(`#arch-${arch}`);
  if (freeTier !== undefined && (await page.locator('#free-tier').count()) > 0) {
    await page.setChecked('#free-tier', freeTier);
  }
  if (memory !== undefined) await setInput(page, '#memory', memory);
  if (duration !== undefined) await setInput(page, '#duration', duration);
  if (requests !== undefined) await setInput(page, '#requests', requests);
}

// AWS Lambda pricing page, "telemetry" example: 7.44M requests x 2 s x 1 GB on x86, no free tier.
const TELEMETRY = {
  memory: '1024', duration: '2000', requests: '7440000',
  region: 'us-east-1', arch: 'x86_64', freeTier: false,
};

test('renders the calculator with labelled inputs and a dollar total', async () => {
  const p = await app();
  const { page } = p;
  for (const id of ['memory', 'duration', 'requests', 'arch-x86_64', 'arch-arm64', 'region', 'free-tier']) {
    assert.equal(await page.locator(`#${id}`).count(), 1, `#${id} exists`);
    const label = ((await page.locator(`label[for="${id}"]`).allTextContents())[0] ?? '').trim();
    assert.ok(label, `#${id} has a non-empty <label for>`);
  }
  // Text inputs with a decimal keypad, so people can type "3,000,000" or "3e6".
  assert.equal(await page.getAttribute('#memory', 'type'), 'text');
  assert.equal(await page.getAttribute('#memory', 'inputmode'), 'decimal');
  const archs = await page.$$eval('input[name=arch]', (os) => os.map((o) => o.value));
  assert.deepEqual([...archs].sort(), ['arm64', 'x86_64']);
  const regions = await page.$$eval('#region option', (os) => os.map((o) => o.value));
  assert.ok(regions.includes('us-east-1'), `regions: ${regions}`);
  assert.match(await totalText(page), /^\$[\d,]+\.\d{2}$/);
  assert.equal(await page.locator(TOTAL).count(), 1);
  await p.done();
});

test("AWS's telemetry example costs $249.49; arm64 is cheaper", async () => {
  const p = await app();
  await fillForm(p.page, TELEMETRY);
  await expectTotal(p.page, '$249.49');
  await p.page.check('#arch-arm64');
  await p.page.waitForFunction((sel) => document.querySelector(sel).textContent.trim() !== '$249.49', TOTAL);
  const arm = dollars(await totalText(p.page));
  assert.ok(arm > 0 && arm < 249.49, `arm64 total ${arm} should be below 249.49`);
  await p.done();
});

test("AWS's mobile-backend example with free tier costs $2.73", async (t) => {
  const p = await app();
  if ((await p.page.locator('#free-tier').count()) === 0) {
    await p.close();
    t.skip('no #free-tier checkbox');
    return;
  }
  await fillForm(p.page, {
    memory: '1536', duration: '120', requests: '3000000',
    region: 'us-east-1', arch: 'x86_64', freeTier: true,
  });
  await expectTotal(p.page, '$2.73');
  await p.done();
});

const BAD = {
  memory: ['', '-1', 'abc', '64', '20000'],
  duration: ['', '-5', 'abc'],
  requests: ['', '-1', 'abc'],
};

for (const [field, values] of Object.entries(BAD)) {
  test(`bad ${field} shows #${field}-error next to it and keeps the last total`, async () => {
    const p = await app();
    const { page } = p;
    await fillForm(page, TELEMETRY);
    await expectTotal(page, '$249.49');
    for (const bad of values) {
      await setInput(page, `#${field}`, bad);
      await page
        .waitForFunction((id) => document.getElementById(`${id}-error`)?.textContent.trim(), field, { timeout: 5_000 })
        .catch(() => {});
      const message = await fieldError(page, field);
      assert.ok(message, `${field}=${JSON.stringify(bad)} shows a visible, non-empty #${field}-error`);
      await assertNear(page, `#${field}`, `#${field}-error`);
      assert.equal(await totalText(page), '$249.49', `${field}=${JSON.stringify(bad)} keeps the last total`);

      await setInput(page, `#${field}`, TELEMETRY[field]);
      await page.waitForFunction((id) => !document.getElementById(`${id}-error`)?.textContent.trim(), field, {
        timeout: 5_000,
      });
      assert.equal(await fieldError(page, field), '', `fixing ${field} clears the message`);
      await expectTotal(page, '$249.49');
    }
    await p.done();
  });
}

/** "Next to": the error's box is within 80 CSS px of the input's box. */
async function assertNear(page, inputSel, errorSel) {
  const a = await page.locator(inputSel).boundingBox();
  const b = await page.locator(errorSel).boundingBox();
  const gapX = Math.max(0, b.x - (a.x + a.width), a.x - (b.x + b.width));
  const gapY = Math.max(0, b.y - (a.y + a.height), a.y - (b.y + b.height));
  assert.ok(Math.max(gapX, gapY) <= 80, `${errorSel} is ${Math.round(Math.max(gapX, gapY))}px from ${inputSel}`);
}

test('no console errors and no off-origin requests across load and interaction', async () => {
  const p = await app();
  const { page } = p;
  await fillForm(page, TELEMETRY);
  await fillForm(page, { arch: 'arm64', freeTier: true });
  for (const region of (await page.$$eval('#region option', (os) => os.map((o) => o.value))).slice(0, 5)) {
    await page.selectOption('#region', region);
  }
  await setInput(page, '#memory', 'abc');
  await setInput(page, '#memory', '2048');
  await page.waitForTimeout(200);
  assert.ok(p.requests.length > 0, 'requests were recorded');
  await p.done();
});

test('keyboard only: Tab to each field, type the telemetry example, arrow keys switch the architecture', async () => {
  const p = await app();
  const { page } = p;
  // From the top of the page, as a keyboard user arrives.
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo(page, '#memory');
  await retype(page, '1024');
  await tabTo(page, '#duration');
  await retype(page, '2000');
  await tabTo(page, '#requests');
  await retype(page, '7440000');
  await expectTotal(page, '$249.49');

  // The architecture toggle is a radio group: Shift+Tab back to it, arrows move the choice.
  await tabTo(page, '#arch-x86_64', { back: true });
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'arch-arm64');
  assert.ok(await page.isChecked('#arch-arm64'));
  await page.waitForFunction((sel) => document.querySelector(sel).textContent.trim() !== '$249.49', TOTAL);
  const arm = dollars(await totalText(page));
  assert.ok(arm > 0 && arm < 249.49, `arm64 total ${arm}`);
  await page.keyboard.press('ArrowLeft');
  await expectTotal(page, '$249.49');

  // Every field reached this way shows where the focus is.
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement.nextElementSibling ?? document.activeElement);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  assert.match(outline, /solid [1-9]/, `focus is visible on the toggle (${outline})`);
  await p.done();
});

test('the total is painted first and the form comes a frame later, without moving the bill on a phone', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const p = await openPage(site.browser, { viewport });
    const { page } = p;
    // When the total and the form first exist, and where the bill stands at each moment.
    await page.addInitScript((sel) => {
      window.__seen = {};
      const top = () => document.querySelector(sel)?.getBoundingClientRect().top ?? null;
      new MutationObserver(() => {
        const s = window.__seen;
        if (s.total === undefined && /\$/.test(document.querySelector(sel)?.textContent ?? '')) {
          s.total = performance.now();
          requestAnimationFrame(() => { s.billTopFirstFrame = top(); });
        }
        if (s.form === undefined && document.querySelector('form.workload')) s.form = performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
      window.__billTop = top;
    }, TOTAL);
    await page.goto(site.server.url);
    await waitForApp(page);
    const seen = await page.evaluate(() => ({ ...window.__seen, billTop: window.__billTop() }));
    assert.ok(seen.total < seen.form, `total at ${seen.total} ms, form at ${seen.form} ms`);
    assert.ok(seen.form - seen.total < 1000, `the form came ${seen.form - seen.total} ms after the total`);
    if (viewport.width < 860) {
      // One column: the bill is below the fold in the first frame, as after the form comes.
      assert.ok(seen.billTopFirstFrame >= viewport.height, `bill at ${seen.billTopFirstFrame} px in the first frame`);
    }
    await p.done();
  }
});
