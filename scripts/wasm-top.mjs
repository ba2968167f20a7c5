// The biggest functions of a Wasm module, by body size, named from its name section
// (`node scripts/wasm-top.mjs FILE.wasm [N]`). Used on the wasm-bindgen output optimized
// with `wasm-opt -Oz -g` (names kept), to see where the bundle's bytes go; see the README's
// performance section. Names are demangled just enough to read (hash suffixes dropped).
import { readFileSync } from 'node:fs';

const [file, count = '20'] = process.argv.slice(2);
if (!file) throw new Error('usage: node scripts/wasm-top.mjs FILE.wasm [N]');
const bytes = readFileSync(file);
let pos = 8;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return result;
  }
};
const name = () => {
  const len = u32();
  const s = bytes.subarray(pos, pos + len).toString('utf8');
  pos += len;
  return s;
};

let imported = 0;
const bodies = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const end = pos + size;
  if (id === 2) {
    for (let n = u32(); n > 0; n--) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) (imported++, u32());
      else if (kind === 3) pos += 2; // global: value type, mutability
      else {
        if (kind === 1) pos++; // table: element type, then limits like a memory's
        const flags = u32();
        u32();
        if (flags & 1) u32();
      }
    }
  } else if (id === 10) {
    for (let n = u32(); n > 0; n--) {
      const len = u32();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 0 && name() === 'name') {
    while (pos < end) {
      const sub = bytes[pos++];
      const subSize = u32();
      const subEnd = pos + subSize;
      if (sub === 1) for (let n = u32(); n > 0; n--) names.set(u32(), name());
      pos = subEnd;
    }
  }
  pos = end;
}
const total = bodies.reduce((a, b) => a + b, 0);
const clean = (s) => s.replace(/::h[0-9a-f]{16}$/, '').replace(/^_ZN/, '');
const rows = bodies
  .map((size, i) => ({ size, name: clean(names.get(i + imported) ?? `func[${i + imported}]`) }))
  .sort((a, b) => b.size - a.size)
  .slice(0, Number(count));
console.log(`${file}: ${bodies.length} functions, code ${total} bytes`);
console.log('| # | bytes | % of code | function |\n| ---: | ---: | ---: | --- |');
rows.forEach((r, i) => console.log(`| ${i + 1} | ${r.size} | ${((100 * r.size) / total).toFixed(1)} | \`${r.name.slice(0, Number(process.env.W || 110))}\` |`));
