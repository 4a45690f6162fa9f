// Generates the ECMAScript oracle for CanonicalJson's number formatting.
// Each output line: <16 hex digits of the IEEE 754 bits> TAB <String(x) as JavaScript writes it>.
// JavaScript's String(x) is Number.prototype.toString, the reference RFC 8785 section 3.2.2.3 cites.
// Deterministic: a fixed-seed xorshift generator, so re-running gives the same file.
// Run: node scripts/ecmascript-numbers.js > src/test/resources/dev/mlops/core/json/ecmascript-numbers.tsv
'use strict';
let state = 0x9E3779B97F4A7C15n;
const MASK = (1n << 64n) - 1n;
function next64() {
  state ^= (state << 13n) & MASK;
  state ^= state >> 7n;
  state ^= (state << 17n) & MASK;
  return state & MASK;
}
const view = new DataView(new ArrayBuffer(8));
function fromBits(bits) { view.setBigUint64(0, bits); return view.getFloat64(0); }
function toBits(x) { view.setFloat64(0, x); return view.getBigUint64(0); }
const out = [];
function emit(x) {
  if (!Number.isFinite(x)) return;
  out.push(toBits(x).toString(16).padStart(16, '0') + '\t' + String(x));
}
for (let i = 0; i < 2000; i++) emit(fromBits(next64()));            // any bit pattern
for (let i = 0; i < 1000; i++) {                                      // short decimals, all magnitudes
  const digits = Number(next64() % 100000n);
  const exp = Number(next64() % 80n) - 40;
  emit(Number(digits + 'e' + exp));
}
for (let i = 0; i < 500; i++) emit(Number(next64() >> 11n) / 2 ** 53); // uniform [0,1) like Math.random
for (let i = 0; i < 500; i++) {                                       // near powers of two and ten
  const e = Number(next64() % 2000n) - 1000;
  const p = e > 0 ? 2 ** Math.min(e, 1023) : 2 ** Math.max(e, -1074);
  emit(p); emit(fromBits(toBits(p) + 1n)); emit(fromBits(toBits(p) - 1n));
  const t = Number('1e' + (Number(next64() % 600n) - 300));
  emit(t); emit(fromBits(toBits(t) + 1n)); emit(fromBits(toBits(t) - 1n));
}
for (let i = 0; i < 300; i++) emit(fromBits(next64() % 0x0010000000000000n)); // subnormals
for (let i = 0; i < 300; i++) emit(-Number(next64() % (1n << 60n)));          // integers near 2^53..2^60
process.stdout.write(out.join('\n') + '\n');
