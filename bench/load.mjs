// Under load (part of `make bench`): a node:http endpoint verifying the Java-signed onerway push,
// once with cardhook and once with the plain-JS peer, each in a fresh server process, driven over
// loopback by autocannon (keep-alive connections, fixed duration). Runs alternate between the two
// servers so that drift on the machine affects both; each server reports its peak resident memory.
//
//   node bench/load.mjs [seconds] [connections] [rounds]
//
// As a server (spawned by the driver): node bench/load.mjs --serve cardhook|peer
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import autocannon from 'autocannon';

const vectors = JSON.parse(readFileSync(new URL('../tests/vectors/onerway-rsa.json', import.meta.url), 'utf8'));
const signed = vectors.cases.find((c) => c.name === 'transaction/rsa2048/json/base64');
const publicKey = vectors.keys.rsa2048.publicKeyPem;

async function serve(which) {
  let verify;
  if (which === 'cardhook') {
    const { Verifier } = await import('../pkg/node.mjs');
    const verifier = new Verifier({ dialect: 'onerway', publicKey });
    // No headers, as the peer reads none: the onerway push's signature covers only the body.
    verify = (body) => verifier.verify(body);
  } else {
    const { PeerVerifier } = await import('./peers/onerway.mjs');
    const peer = new PeerVerifier(publicKey);
    verify = (body) => peer.verify(body.toString('utf8'));
  }
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  // What a receiver does: read the raw body, verify, answer the ack or 400.
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const event = verify(Buffer.concat(chunks));
        res.writeHead(event.verified ? 200 : 400, { 'content-type': 'application/json' }).end('{"respCode":"20000","respMsg":"success"}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (m) => {
    if (m === 'report') {
      clearInterval(sampler);
      process.send({ peakRss: Math.max(peakRss, process.memoryUsage().rss) }, () => process.exit(0));
    }
  });
}

/** One run: a fresh server of `which`, loaded for `seconds`; requests/s, latency percentiles, peak RSS. */
async function run(which, seconds, connections) {
  const child = fork(new URL(import.meta.url), ['--serve', which], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port } = await new Promise((ok) => child.once('message', ok));
  const url = `http://127.0.0.1:${port}/`;
  // A short warm-up, so the JIT tiers settle as they would on a serving process.
  await autocannon({ url, method: 'POST', body: signed.body, connections, duration: 1 });
  const result = await autocannon({ url, method: 'POST', body: signed.body, connections, duration: seconds });
  child.send('report');
  const { peakRss } = await new Promise((ok) => child.once('message', ok));
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${which}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, rss: peakRss / 2 ** 20 };
}

export async function loadTest({ seconds = 10, connections = 16, rounds = 2 } = {}) {
  const results = { cardhook: [], peer: [] };
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? ['cardhook', 'peer'] : ['peer', 'cardhook']) {
      results[which].push(await run(which, seconds, connections));
    }
  }
  return results;
}

/** The runs as markdown rows. */
export function loadRows(results) {
  const lines = ['| server | requests/s | p50 | p99 | peak RSS |', '|---|---|---|---|---|'];
  for (const [which, runs] of Object.entries(results)) {
    for (const r of runs) lines.push(`| ${which} | ${Math.round(r.rps)} | ${r.p50} ms | ${r.p99} ms | ${r.rss.toFixed(0)} MB |`);
  }
  return lines.join('\n');
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3]);
} else if (import.meta.url === new URL(process.argv[1], 'file:').href) {
  const [seconds = 10, connections = 16, rounds = 2] = process.argv.slice(2).map(Number);
  console.log(loadRows(await loadTest({ seconds, connections, rounds })));
}
