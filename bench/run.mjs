// `make bench`: cardhook against plain-JS peers measured in the same process, then cold start and
// sizes. Each row: our median, the peer's median, and ours ÷ theirs (below 1 means we are faster).
import { execFileSync } from 'node:child_process';
import { createPublicKey, verify as rsaVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { Verifier, decode, canonicalize } from '../pkg/node.mjs';
import { PeerVerifier, canonical as peerCanonical } from './peers/onerway.mjs';
import { decodeOpenapi, decodeUpay, decodeNobepay } from './peers/decode.mjs';
import { bodies } from './bodies.mjs';
import { loadTest, loadRows } from './load.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vectors = JSON.parse(readFileSync(new URL('../tests/vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const signed = vectors.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = vectors.keys.rsa2048.publicKeyPem;

/** The median of `values`. */
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * Medians µs per call of `ours` and `theirs`, their batches alternating (41 each after a warm-up),
 * so that both sides meet the same machine: on a shared VM, timing one side after the other let
 * the ratio of the same build drift by ±10% between runs.
 */
function compare(ours, theirs, { batches = 41, minBatchMs = 20 } = {}) {
  let perBatch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < perBatch; i++) { ours(); theirs(); }
    if (performance.now() - t >= minBatchMs / 2) break;
    perBatch *= 2;
  }
  const time = (fn) => {
    const t = performance.now();
    for (let i = 0; i < perBatch; i++) fn();
    return ((performance.now() - t) * 1000) / perBatch;
  };
  // Warm-up: long enough for both sides' JIT tiers (and the wasm module's) to settle.
  for (const start = performance.now(); performance.now() - start < 400; ) { time(ours); time(theirs); }
  const a = [];
  const b = [];
  for (let i = 0; i < batches; i++) { a.push(time(ours)); b.push(time(theirs)); }
  return [median(a), median(b)];
}

const rows = [];
function row(name, [ours, theirs], peerName, target) {
  rows.push({ name, ours, peerName, theirs, ratio: ours / theirs, target });
}

// --- correctness first: the peers must do the same work and get the same answers ---------------
if (peerCanonical(signed.body) !== canonicalize(signed.body)) throw new Error('peer canonical differs from cardhook');
const host = new Verifier({ dialect: 'onerway', publicKey });
const wasmOnly = new Verifier({ dialect: 'onerway', publicKey, engine: 'wasm' });
const peer = new PeerVerifier(publicKey);
for (const v of [host, wasmOnly]) if (!v.verify(signed.body).verified) throw new Error('vector did not verify');
if (peer.verify(signed.body).data.transactionAmount.amount !== '50.00') throw new Error('peer decode wrong');
for (const [dialect, body, peerDecode] of [['openapi-notify', bodies.openapi, decodeOpenapi], ['upay', bodies.upay, decodeUpay], ['nobepay', bodies.nobepay, decodeNobepay]]) {
  const ours = decode(body);
  const theirs = peerDecode(body);
  if (ours.dialect !== dialect || ours.id !== theirs.id) throw new Error(`${dialect}: peer and cardhook disagree`);
}

// --- timings ------------------------------------------------------------------------------------
const canonicalBytes = Buffer.from(canonicalize(signed.body));
const sigBytes = Buffer.from(JSON.parse(signed.body).sign, 'base64');
const keyObject = createPublicKey(publicKey);
const opensslOnly = () => rsaVerify('sha256', canonicalBytes, keyObject, sigBytes);

row(`onerway Verifier.verify (${signed.body.length} B, Node: RSA in OpenSSL)`, compare(() => host.verify(signed.body), () => peer.verify(signed.body)),
  'plain JS + node:crypto', '≤ 0.8');
row('onerway Verifier.verify, pure wasm (engine: wasm)', compare(() => wasmOnly.verify(signed.body), () => peer.verify(signed.body)),
  'plain JS + node:crypto', '—');
row('2048-bit verify: pure wasm, whole verify (vs RSA alone in OpenSSL)', compare(() => wasmOnly.verify(signed.body), opensslOnly),
  'node:crypto crypto.verify', '≤ 4');
row(`decode openapi-notify (${bodies.openapi.length} B)`, compare(() => decode(bodies.openapi), () => decodeOpenapi(bodies.openapi)), 'JSON.parse ×2 + exact money', '≤ 2');
row(`decode upay (${bodies.upay.length} B)`, compare(() => decode(bodies.upay), () => decodeUpay(bodies.upay)), 'JSON.parse + enum maps', '≤ 2');
// A server passes the request's headers as they come (Node's req.headers): a dozen of them.
const requestHeaders = {
  host: 'api.example.com', 'user-agent': 'Java/17.0.2', accept: '*/*', 'content-type': 'application/json;charset=UTF-8',
  'content-length': String(bodies.upay.length), 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https',
  'x-request-id': '2b1c7e1a-4f0e-4b2a-9d55-0c1f2b3a4d5e', connection: 'keep-alive', 'accept-encoding': 'gzip',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'x-upa-requestid': 'r-1',
};
row(`decode upay with 12 request headers`, compare(() => decode(bodies.upay, { headers: requestHeaders }), () => decodeUpay(bodies.upay)), 'JSON.parse + enum maps', '≤ 2');
row(`decode nobepay (${bodies.nobepay.length} B)`, compare(() => decode(bodies.nobepay), () => decodeNobepay(bodies.nobepay)), 'JSON.parse + cents', '≤ 2');

// --- cold start: a fresh process, import → first verified event --------------------------------
const cold = [];
const script = `
  const t0 = performance.now();
  const { Verifier } = await import(${JSON.stringify(new URL('../pkg/node.mjs', import.meta.url).href)});
  const e = new Verifier({ dialect: 'onerway', publicKey: process.env.KEY }).verify(process.env.BODY);
  if (!e.verified) process.exit(1);
  console.log(performance.now() - t0);`;
for (let i = 0; i < 9; i++) {
  cold.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, KEY: publicKey, BODY: signed.body }, encoding: 'utf8' })));
}

// --- under load: a node:http endpoint per implementation, over loopback ------------------------
const load = await loadTest({ seconds: 10, connections: 16, rounds: 2 });
/** The median of one measure (`rps`, `p99`, `rss`) over a server's load runs. */
const loadMedian = (runs, key) => median(runs.map((r) => r[key]));

// --- sizes --------------------------------------------------------------------------------------
const wasm = readFileSync(new URL('../pkg/cardhook_glue_bg.wasm', import.meta.url));
const testingWasm = readFileSync(new URL('../pkg/cardhook_testing_bg.wasm', import.meta.url));
const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', `${root}pkg`], { encoding: 'utf8' }))[0];

// --- report -------------------------------------------------------------------------------------
const us = (v) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} µs`;
console.log(`\ncardhook benchmark — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores), medians\n`);
console.log('| operation | cardhook | peer | peer time | ratio | target |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${us(r.ours)} | ${r.peerName} | ${us(r.theirs)} | ${r.ratio.toFixed(2)}× | ${r.target} |`);
console.log(`| cold start: fresh process, import → first verified event | ${median(cold).toFixed(1)} ms | | | | ≤ 10 ms |`);
console.log(`| requests/s under load (node:http, 16 connections) | ${Math.round(loadMedian(load.cardhook, 'rps'))} | plain JS + node:crypto | ${Math.round(loadMedian(load.peer, 'rps'))} | ${(loadMedian(load.peer, 'rps') / loadMedian(load.cardhook, 'rps')).toFixed(2)}× (time) | — |`);
console.log(`| p99 latency under load | ${loadMedian(load.cardhook, 'p99')} ms | plain JS + node:crypto | ${loadMedian(load.peer, 'p99')} ms | ${(loadMedian(load.cardhook, 'p99') / loadMedian(load.peer, 'p99')).toFixed(2)}× | ≤ 1 |`);
console.log(`| peak RSS under load | ${loadMedian(load.cardhook, 'rss').toFixed(0)} MB | plain JS + node:crypto | ${loadMedian(load.peer, 'rss').toFixed(0)} MB | ${(loadMedian(load.cardhook, 'rss') / loadMedian(load.peer, 'rss')).toFixed(2)}× | ≤ 1 |`);
console.log(`| default .wasm size | ${(wasm.length / 1024).toFixed(1)} KB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KB gzip | | | | ≤ 80 KB gzip |`);
console.log(`| testing .wasm size (cardhook/testing) | ${(testingWasm.length / 1024).toFixed(1)} KB raw, ${(gzipSync(testingWasm, { level: 9 }).length / 1024).toFixed(1)} KB gzip | | | | |`);
console.log(`| npm tarball | ${(packed.size / 1024).toFixed(1)} KB packed, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked | | | | |`);
console.log(`\nEach load run (${load.cardhook.length} per server, alternating; autocannon over loopback):\n\n${loadRows(load)}\n`);
