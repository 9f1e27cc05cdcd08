// Writes a seeded batch of random payloads for the Java oracle (make test signs them afresh):
// unicode (BMP and astral, in keys too), every escape, big integers, trailing zeros, exponents,
// nested objects and arrays with nulls, empty strings and containers.
//   node tests/oracle/gen-payloads.mjs <out-dir> [count] [seed]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, count = '120', seedText = '20261123'] = process.argv.slice(2);
let seed = Number(seedText) >>> 0 || 1;
const rand = (n) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};
const pick = (list) => list[rand(list.length)];

const pieces = ['a', 'Z', '_', '0', ' ', 'é', 'ß', '中', '文', '😀', '𝄞', '\u00a0', '\uff21', '\ue000', '"', '\\', '/', '\n', '\t', '\r', '\b', '\f', '\u0001', '\u001f', '\u007f', '\u2028', '&', '=', '{', '}'];
const escapes = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '/': pick(['/', '\\/']) };

function stringLiteral(s) {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (escapes[ch] !== undefined) out += escapes[ch];
    else if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, pick(['0'])).replace(/[a-f]/g, (c) => (rand(2) ? c.toUpperCase() : c));
    else if (code > 0x7f && rand(3) === 0) {
      // Escaped form of the same text, surrogate pairs for astral characters.
      out += [...String.fromCodePoint(code)].length && (code > 0xffff
        ? String.fromCodePoint(code).split('').map((u) => '\\u' + u.charCodeAt(0).toString(16)).join('')
        : '\\u' + code.toString(16).padStart(4, '0'));
    } else out += ch;
  }
  return out + '"';
}

const randomText = () => Array.from({ length: rand(8) }, () => pick(pieces)).join('');
const numbers = () => pick([
  '0', '-0', '1', '-1', '100.00', '0.10', '1.50', '9007199254740993', '-9223372036854775809', '12345678901234567890123',
  '1E5', '1e-7', '2.5E+10', '-0.0', '3.14159265358979323846', String(rand(1_000_000)), `${rand(1000)}.${String(rand(100)).padStart(2, '0')}`,
]);
const ws = () => pick(['', '', ' ', '\n', '\t', '  ', '\r\n']);

function value(depth) {
  switch (rand(depth > 2 ? 5 : 7)) {
    case 0: return 'null';
    case 1: return pick(['true', 'false']);
    case 2: return numbers();
    case 3: case 4: return stringLiteral(randomText());
    case 5: return `[${ws()}${Array.from({ length: rand(4) }, () => value(depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
    default: return object(depth + 1, rand(5));
  }
}

// Keys are drawn from a pool with sorting traps (case, `_`, non-ASCII, astral, NUL). No id field
// (`txnOrderNo`, `operateRecordId`): the verifying tests read these bodies as untyped events.
function object(depth, n) {
  const keys = new Set();
  while (keys.size < n) keys.add(rand(4) === 0 ? randomText() : pick(['amount', 'cardId', 'Zone', '_meta', 'a', 'a1', 'txnStatus', 'é', '😀k', '\uff21k', 'k\u0000']) + (rand(3) ? '' : rand(100)));
  return `{${ws()}${[...keys].map((k) => `${stringLiteral(k)}${ws()}:${ws()}${value(depth)}`).join(`${ws()},${ws()}`)}${ws()}}`;
}

mkdirSync(outDir, { recursive: true });
for (let i = 0; i < Number(count); i++) {
  writeFileSync(join(outDir, `gen-${String(i).padStart(4, '0')}.json`), object(0, 1 + rand(12)));
}
console.error(`gen-payloads: wrote ${count} payloads to ${outDir}`);
