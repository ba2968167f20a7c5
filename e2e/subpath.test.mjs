// The site must work when it lives under a sub-path (relative asset URLs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectTotal, foreignRequests, launch, openPage, serve, setInput, waitForApp, SUB_PATH } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test(`works when served under ${SUB_PATH}`, async () => {
  const p = await openPage(browser);
  // Without the trailing slash the server redirects, as any static host would.
  await p.page.goto(server.subUrl.slice(0, -1));
  assert.equal(p.page.url(), server.subUrl);
  await waitForApp(p.page);
  await p.page.selectOption('#region', 'us-east-1');
  await p.page.check('#arch-x86_64');
  if ((await p.page.locator('#free-tier').count()) > 0) await p.page.setChecked('#free-tier', false);
  await setInput(p.page, '#memory', '1024');
  await setInput(p.page, '#duration', '2000');
  await setInput(p.page, '#requests', '7440000');
  await expectTotal(p.page, '$249.49');

  const redirected = server.subUrl.slice(0, -1);
  const outside = p.requests.filter(
    (u) => !/^(data|blob):/.test(u) && u !== redirected && !u.startsWith(server.subUrl),
  );
  assert.deepEqual(outside, [], 'every request stays under the sub-path');
  assert.deepEqual(server.notFound, [], 'no 404s');
  await p.done();
});
