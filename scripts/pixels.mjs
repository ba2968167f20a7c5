// Whether two builds draw the same charts: loads each of a few scenarios in light and dark
// in both builds and compares every chart canvas pixel for pixel (a hash of toDataURL).
// For drawing changes meant to be invisible (`node scripts/pixels.mjs DIST_A DIST_B`).
import { launch, openPage, serve } from '../e2e/helpers.mjs';
import { createHash } from 'node:crypto';
const [a, c] = process.argv.slice(2);
if (!a || !c) throw new Error('usage: node scripts/pixels.mjs DIST_A DIST_B');
const b = await launch();
const frags = ['', '#v=1&region=eu-west-1&arch=arm64&memory=1769&duration=350&requests=30000000&free_tier=0', '#v=1&memory=512&duration=1000&requests=10000000&free_tier=0&pc=5'];
async function shot(dir, frag, dark) {
  const s = await serve(dir);
  const p = await openPage(b, { viewport: { width: 1280, height: 6000 }, colorScheme: dark ? 'dark' : 'light' });
  await p.page.goto(s.url + frag);
  await p.page.waitForFunction(() => { const cs = [...document.querySelectorAll('canvas[data-draws]')]; return cs.length > 0 && cs.every((x) => Number(x.dataset.draws) > 0); }, null, { timeout: 15000 });
  await p.page.waitForTimeout(300);
  const urls = await p.page.evaluate(() => [...document.querySelectorAll('canvas[data-draws]')].map((x) => x.dataset.testid + ':' + x.toDataURL()));
  await p.close(); await s.close();
  return urls.map((u) => { const [id, data] = [u.slice(0, u.indexOf(':')), u.slice(u.indexOf(':') + 1)]; return id + ' ' + createHash('sha256').update(data).digest('hex').slice(0, 12); });
}
let same = 0, diff = 0;
for (const f of frags) for (const dark of [false, true]) {
  const x = await shot(a, f, dark), y = await shot(c, f, dark);
  x.forEach((h, i) => { if (h === y[i]) same++; else { diff++; console.log('DIFF', f || '(default)', dark ? 'dark' : 'light', h, y[i]); } });
}
console.log('canvases identical', same, 'different', diff);
await b.close();
