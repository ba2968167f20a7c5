// The site must work when it lives under a sub-path (relative asset URLs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectTotal, openPage, setInput, SUB_PATH, useSite, waitForApp } from './helpers.mjs';

const site = useSite();

test(`works when served under ${SUB_PATH}`, async () => {
  const p = await openPage(site.browser);
  // Without the trailing slash the server redirects, as any static host would.
  await p.page.goto(site.server.subUrl.slice(0, -1));
  assert.equal(p.page.url(), site.server.subUrl);
  await waitForApp(p.page);
  await p.page.selectOption('#region', 'us-east-1');
  await p.page.check('#arch-x86_64');
  if ((await p.page.locator('#free-tier').count()) > 0) await p.page.setChecked('#free-tier', false);
  await setInput(p.page, '#memory', '1024');
  await setInput(p.page, '#duration', '2000');
  await setInput(p.page, '#requests', '7440000');
  await expectTotal(p.page, '$249.49');

  const redirected = site.server.subUrl.slice(0, -1);
  const outside = p.requests.filter(
    (u) => !/^(data|blob):/.test(u) && u !== redirected && !u.startsWith(site.server.subUrl),
  );
  assert.deepEqual(outside, [], 'every request stays under the sub-path');
  assert.deepEqual(site.server.notFound, [], 'no 404s');
  await p.done();
});
