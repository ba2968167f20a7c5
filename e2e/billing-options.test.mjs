// The 2026 billing options (issue 10) as people use them: each section of "More billing
// options" filled in the page reproduces AWS's worked example; the rates AWS does not
// confirm are named next to the total with a button to enter them; a link naming a region
// the calculator does not know keeps the last total and says which code it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectTotal, fieldError, openPage, setInput, totalText, useSite, waitForApp } from './helpers.mjs';

const site = useSite();

async function app(hash = '') {
  const p = await openPage(site.browser, { viewport: { width: 1280, height: 900 } });
  await p.page.goto(site.server.url + hash);
  await waitForApp(p.page);
  return p;
}

/** Opens "More billing options" (closed by default, so the form is no longer). */
async function openOptions(page) {
  assert.equal(await page.getAttribute('#billing-options', 'open'), null, 'closed until wanted');
  assert.equal(await page.isVisible('#snapstart'), false);
  await page.click('#billing-options > summary');
  await page.waitForSelector('#snapstart', { state: 'visible' });
}

test('each billing option filled in the page gives AWS example total', async () => {
  const examples = [
    {
      name: 'SnapStart',
      base: '#memory=1024&duration=2000&requests=7440000&cold=1',
      fill: async (page) => {
        await page.check('#snapstart');
        await setInput(page, '#snap_hours', '744');
      },
      total: '$263.92',
      link: 'snapstart=1&snap_hours=744',
    },
    {
      name: 'response streaming',
      base: '#memory=1536&duration=500&requests=3000000&free=1',
      fill: async (page) => {
        await setInput(page, '#stream_mb', '7');
        await setInput(page, '#stream_requests', '1000000');
        await page.uncheck('#stream_free');
      },
      total: '$39.04',
      link: 'stream_mb=7&stream_requests=1000000&stream_free=0',
    },
    {
      name: 'Lambda@Edge',
      base: '#memory=128&duration=10&requests=10000000',
      fill: (page) => page.check('#edge'),
      total: '$6.63',
      link: 'edge=1',
    },
    {
      name: 'durable functions',
      base: '#arch=arm64&memory=1024&duration=16000&requests=2000000&free=1',
      fill: async (page) => {
        await setInput(page, '#durable_executions', '1000000');
        await setInput(page, '#durable_ops', '4');
        await setInput(page, '#durable_kb', '104');
        await setInput(page, '#durable_wait_days', '7');
      },
      total: '$490.46',
      link: 'durable_executions=1000000&durable_ops=4&durable_kb=104&durable_wait_days=7',
    },
    {
      name: 'tenant isolation',
      base: '#memory=1024&duration=2000&requests=10000000',
      fill: (page) => setInput(page, '#tenant_envs', '200000'),
      total: '$368.73',
      link: 'tenant_envs=200000',
    },
    {
      // A 600 KB event is 7 requests: $0.20 + 6M x $0.20 / 1M + $0.21 duration.
      name: 'asynchronous event size',
      base: '',
      fill: (page) => setInput(page, '#event_kb', '600'),
      total: '$1.61',
      link: 'event_kb=600',
    },
  ];
  for (const ex of examples) {
    const p = await app(ex.base);
    const { page } = p;
    const before = await totalText(page);
    await openOptions(page);
    await ex.fill(page);
    await expectTotal(page, ex.total);
    assert.notEqual(before, ex.total, ex.name);
    await page.waitForFunction((part) => location.hash.includes(part), ex.link, { timeout: 5_000 });
    await p.done();
  }
});

test('a refused option value is named next to its field and the last total stays', async () => {
  const p = await app('#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  await openOptions(page);
  await setInput(page, '#event_kb', '2000');
  await page.waitForSelector('#event_kb-error');
  assert.equal(await fieldError(page, 'event_kb'), 'Must be between 0 KB and 1,024 KB');
  assert.equal(await totalText(page), '$249.49');
  // AWS refuses SnapStart with provisioned concurrency: the message is at the switch.
  await setInput(page, '#event_kb', '0');
  await setInput(page, '#pc', '1');
  await page.check('#snapstart');
  await page.waitForSelector('#snapstart-error');
  assert.match(await fieldError(page, 'snapstart'), /^SnapStart cannot be used with provisioned concurrency/);
  await p.done();
});

test('unconfirmed rates are named next to the total and one click opens the rate to enter', async () => {
  const p = await app('#region=ap-east-2&memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  const notes = page.locator('[data-testid="unconfirmed-rates"]');
  assert.match(await notes.textContent(), /Rates for ap-east-2 are not confirmed by AWS's price list/);
  assert.match(await notes.textContent(), /duration tier 1 \(x86_64\): not found for this region/);
  await page.click('[data-rate-field="r_dur"]');
  await page.waitForFunction(() => document.activeElement?.id === 'r_dur');
  assert.ok(await page.isVisible('#r_dur'));
  await setInput(page, '#r_dur', '0.00002');
  // 14,880,000 GB-s x $0.00002 = $297.60, plus $1.49 of requests.
  await expectTotal(page, '$299.09');
  assert.equal(await page.locator('[data-rate-field="r_dur"]').count(), 0);
  assert.equal(await page.locator('[data-rate-field="r_req"]').count(), 1);
  await p.done();
});

// The page writes its own link 150 ms after a change (history.replaceState, no event); that
// write can fall between a new fragment and its hashchange event, which must still open it.
test('a new link opens even when the page\'s own link write comes before its change event', async () => {
  const p = await app('#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  await expectTotal(page, '$249.49');
  await page.evaluate(() => {
    location.hash = '#memory=512&duration=2000&requests=7440000';
    history.replaceState(null, '', '#v=1&memory=1024&duration=2000&requests=7440000');
  });
  // 7,440,000 GB-s at $0.0000166667 is $124.00, plus $1.49 of requests.
  await expectTotal(page, '$125.49');
  await p.done();
});

test('a link with an unknown region keeps the previous total and names the code', async () => {
  const p = await app('#memory=1024&duration=2000&requests=7440000');
  const { page } = p;
  await expectTotal(page, '$249.49');
  await page.evaluate(() => {
    location.hash = '#region=xx-mars-1&memory=512';
  });
  const notices = page.locator('[data-testid="notices"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="notices"]')?.textContent.includes('xx-mars-1'));
  assert.match(await notices.textContent(), /This link names the region "xx-mars-1", which this calculator does not know/);
  assert.equal(await totalText(page), '$249.49');
  assert.equal(await page.inputValue('#memory'), '1024');
  // Opened first, such a link shows the default scenario with the notice.
  await page.goto(`${site.server.url}?fresh#region=xx-mars-1&memory=512`);
  await waitForApp(page);
  assert.equal(await totalText(page), '$0.41');
  assert.match(await notices.textContent(), /"xx-mars-1"/);
  // Region codes are read in any case.
  await page.goto(`${site.server.url}?case#region=EU-WEST-1&memory=1024&duration=2000&requests=7440000`);
  await waitForApp(page);
  assert.equal(await page.inputValue('#region'), 'eu-west-1');
  await p.done();
});
