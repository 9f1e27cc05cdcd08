// The `cardhook` command from the installed tarball (`node_modules/.bin/cardhook`): every
// subcommand as a user runs it, exit codes included; `send` against receivers that acknowledge,
// fail twice, or never acknowledge, and `listen` receiving from `send`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, createVerify, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installConsumer, push, quietEnv, root, startServer } from './consumer.mjs';

const rsa = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'onerway-rsa.json'), 'utf8'));
const pairs = rsa.cases.find((c) => c.name === 'transaction/rsa2048/pairs/hex');
const SECRET = 'whk_cli_test';
let dir;
let cli;

const run = (args, input) => spawnSync(cli, args, { cwd: dir, env: quietEnv, input, encoding: 'utf8' });

before(() => {
  dir = installConsumer('cli');
  cli = join(dir, 'node_modules', '.bin', 'cardhook');
  writeFileSync(join(dir, 'push.json'), push.body);
  writeFileSync(join(dir, 'tampered.json'), push.tampered);
  writeFileSync(join(dir, 'provider.pem'), push.publicKey);
  writeFileSync(join(dir, 'v2.json'), JSON.stringify({ request_id: 'req_cli', event_type: 'issuing.cardTransactionEvent', created_at: '2026-01-01T00:00:00Z', version: 'v1', data: { txnOrderNo: 'T9', txnStatus: 'S', transactionAmount: 3.50, transactionCurrency: 'USD' } }));
  writeFileSync(join(dir, 'upay.json'), JSON.stringify({ event: 'CS_APPROVED', trace: 't', orderNo: 'o9', timestamp: 1, detail: { cardId: 'C9' } }));
});

test('verify prints the typed event and exits 0; a tampered push is CODE: message on stderr and exit 1', () => {
  const ok = run(['verify', 'push.json', '--dialect', 'onerway', '--key', 'provider.pem', '-H', 'X-Event-Type: transactionEvent']);
  assert.equal(ok.status, 0, ok.stderr);
  const event = JSON.parse(ok.stdout);
  assert.deepEqual([event.verified, event.id, event.data.transactionAmount.amount], [true, push.id, '50.00']);
  const bad = run(['verify', '-', '--dialect', 'onerway', '--key', 'provider.pem'], push.tampered);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^SIGNATURE_MISMATCH: /);
  assert.equal(run(['verify', 'push.json']).status, 2, 'no credential is a usage error');
  assert.equal(run(['verify', 'push.json', '--nope']).status, 2);
});

test('decode and canonicalize', () => {
  const decoded = run(['decode', '-'], push.body);
  assert.equal(decoded.status, 0);
  assert.equal(JSON.parse(decoded.stdout).verified, false);
  const canonical = run(['canonicalize', '-', '--canonical', 'pairs'], pairs.body);
  assert.equal(canonical.stdout, `${pairs.canonical}\n`);
});

test('canonicalize --dialect prints that dialect\'s signed input, with the -H headers it signs', () => {
  // onerway-v2's document: the HMAC input is `x-timestamp + "." + raw body`.
  const body = readFileSync(join(dir, 'v2.json'), 'utf8');
  const printed = run(['canonicalize', 'v2.json', '--dialect', 'onerway-v2', '-H', 'x-timestamp: 1767225600', '-H', `x-signature: ${'0'.repeat(64)}`]);
  assert.equal(printed.status, 0, printed.stderr);
  assert.equal(printed.stdout, `1767225600.${body}\n`);
  // onerway's own form is still the default, and --dialect onerway says the same.
  const onerway = run(['canonicalize', '-', '--dialect', 'onerway', '--canonical', 'pairs'], pairs.body);
  assert.equal(onerway.stdout, `${pairs.canonical}\n`);
  const missing = run(['canonicalize', 'v2.json', '--dialect', 'onerway-v2', '-H', `x-signature: ${'0'.repeat(64)}`]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /x-timestamp/);
});

test('dialects lists every registered dialect with its credential, retry schedule and sample types (--json too)', async () => {
  const library = await import(pathToFileURL(join(dir, 'node_modules', 'cardhook', 'testing-node.mjs')).href);
  const listed = run(['dialects', '--json']);
  assert.equal(listed.status, 0, listed.stderr);
  const entries = JSON.parse(listed.stdout);
  assert.deepEqual(entries.map((d) => d.id), library.dialects().map((d) => d.id));
  for (const entry of entries) {
    const types = library.samples().filter((s) => s.dialect === entry.id).map((s) => s.type);
    assert.deepEqual(entry.sampleTypes, types, entry.id);
  }
  const upay = entries.find((d) => d.id === 'upay');
  assert.deepEqual([upay.signed, upay.credential, upay.retryAfterSeconds.length], [true, 'secret', 5]);
  assert.ok(upay.sampleTypes.includes('CC_REFUND'));
  assert.equal(entries.find((d) => d.id === 'onerway').credential, 'publicKey');
  const text = run(['dialects']);
  assert.equal(text.status, 0, text.stderr);
  for (const entry of entries) assert.match(text.stdout, new RegExp(`^${entry.id}$`, 'm'));
  assert.match(text.stdout, /sample types: .*CC_REFUND/);
});

test('verify and explain read what sign --json prints: its body with its headers', () => {
  // The request is signed by node:crypto as onerway-v2's document says (HMAC-SHA256 of `x-timestamp.body`).
  const body = readFileSync(join(dir, 'v2.json'), 'utf8');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex');
  const request = JSON.stringify({ body, headers: { 'x-timestamp': timestamp, 'x-signature': signature } });
  const verified = run(['verify', '-', '--dialect', 'onerway-v2', '--secret', SECRET], request);
  assert.equal(verified.status, 0, verified.stderr);
  assert.deepEqual([JSON.parse(verified.stdout).verified, JSON.parse(verified.stdout).id], [true, 'req_cli']);
  const explained = run(['explain', '-', '--dialect', 'onerway-v2', '--secret', SECRET, '--json'], request);
  assert.equal(explained.status, 0, explained.stdout + explained.stderr);
  assert.equal(JSON.parse(explained.stdout).verified, true);
  // The pipe a user writes: sign --json | verify -.
  const signed = run(['sign', '--dialect', 'upay', '--type', 'CC_REFUND', '--secret', SECRET, '--json']);
  const piped = run(['verify', '-', '--dialect', 'upay', '--secret', SECRET], signed.stdout);
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(JSON.parse(piped.stdout).type, 'CC_REFUND');
  // An object with other keys too is a body, as before.
  const other = run(['verify', '-', '--dialect', 'onerway-v2', '--secret', SECRET], JSON.stringify({ body, headers: {}, extra: 1 }));
  assert.equal(other.status, 1);
  assert.match(run(['verify', '--help']).stdout, /sign --json/);
});

test('listen logs a refusal with its code, its message and the dialect it was checked as', async () => {
  const child = spawn(cli, ['listen', '--port', '0', '--dialect', 'onerway-v2', '--secret', SECRET, '--json'], { cwd: dir, env: quietEnv, detached: true });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  try {
    const url = await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(output)), 30_000);
      child.stdout.on('data', () => {
        const m = /listening on (\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          ok(m[1]);
        }
      });
    });
    const body = readFileSync(join(dir, 'v2.json'), 'utf8');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const wrong = createHmac('sha256', 'not-the-secret').update(`${timestamp}.${body}`).digest('hex');
    const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': wrong } });
    assert.equal(response.status, 400);
    await response.text();
    const deadline = Date.now() + 10_000;
    while (!/"error"/.test(output) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
    const line = JSON.parse(output.split('\n').find((l) => l.includes('"error"')));
    assert.deepEqual([line.error, line.dialect], ['SIGNATURE_MISMATCH', 'onerway-v2']);
    assert.ok(line.message.length > 0, JSON.stringify(line));
  } finally {
    process.kill(-child.pid, 'SIGKILL');
  }
});

test('errors name the CLI flag, not the library option: --secret-file/--secret where the core says secret', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  writeFileSync(join(dir, 'flags-private.pem'), privateKey);
  const noSecret = run(['sign', '--dialect', 'upay', 'upay.json', '--key', 'flags-private.pem']);
  assert.equal(noSecret.status, 1);
  assert.match(noSecret.stderr, /^INVALID_OPTION: .*\(--secret-file\/--secret\)$/m);
  assert.doesNotMatch(noSecret.stderr, /option `/);
  const noType = run(['sign', '--dialect', 'onerway', '-', '--key', 'flags-private.pem'], '{"amount":1}');
  assert.match(noType.stderr, /\(--type\)$/m);
  const twice = run(['verify', 'push.json', '--dialect', 'onerway,onerway', '--key', 'provider.pem']);
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /named twice \(--dialect\)/);
});

test('explain prints an HMAC dialect\'s signed input and its SHA-256', () => {
  const body = readFileSync(join(dir, 'v2.json'), 'utf8');
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex');
  const explained = run(['explain', 'v2.json', '--dialect', 'onerway-v2', '--secret', 'another-secret', '-H', `x-timestamp: ${timestamp}`, '-H', `x-signature: ${signature}`, '--json']);
  assert.equal(explained.status, 1, explained.stderr);
  const report = JSON.parse(explained.stdout);
  assert.equal(report.signedInput, `${timestamp}.${body}`);
  assert.equal(report.signedInputSha256, createHash('sha256').update(`${timestamp}.${body}`).digest('hex'));
  const text = run(['explain', 'v2.json', '--dialect', 'onerway-v2', '--secret', 'another-secret', '-H', `x-timestamp: ${timestamp}`, '-H', `x-signature: ${signature}`]);
  assert.ok(text.stdout.includes(`signedInput: ${timestamp}.${body}\n`), text.stdout);
});

test('keygen, then sign with the generated key: the signed push verifies with the generated public key', () => {
  const keys = run(['keygen', '--out', 'keys']);
  assert.equal(keys.status, 0, keys.stderr);
  const signed = run(['sign', '--dialect', 'onerway', '-', '--key', 'keys/private.pem', '--json'], '{"txnOrderNo":"T7","txnStatus":"S","transactionAmount":7.70}');
  assert.equal(signed.status, 0, signed.stderr);
  const { body, headers } = JSON.parse(signed.stdout);
  assert.equal(headers['X-Event-Type'], 'transactionEvent');
  writeFileSync(join(dir, 'signed.json'), body);
  const verified = run(['verify', 'signed.json', '--dialect', 'onerway', '--key', 'keys/public.pem']);
  assert.equal(verified.status, 0, verified.stderr);
  assert.equal(JSON.parse(verified.stdout).data.transactionAmount.amount, '7.70');
  // Without FILE: the provider's documented sample of --type.
  const fromSample = run(['sign', '--dialect', 'upay', '--type', 'CC_REFUND', '--secret', SECRET, '--json']);
  assert.equal(fromSample.status, 0, fromSample.stderr);
  const upay = JSON.parse(fromSample.stdout);
  writeFileSync(join(dir, 'upay-signed.json'), upay.body);
  const upayArgs = ['verify', 'upay-signed.json', '--dialect', 'upay', '--secret', SECRET, ...Object.entries(upay.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`])];
  const upayEvent = run(upayArgs);
  assert.equal(upayEvent.status, 0, upayEvent.stderr);
  assert.equal(JSON.parse(upayEvent.stdout).type, 'CC_REFUND');
  assert.equal(run(['sign', '--dialect', 'upay', '--secret', SECRET]).status, 2, 'neither FILE nor --type');
  const curl = run(['sign', '--dialect', 'onerway-v2', 'v2.json', '--secret', SECRET, '--curl', 'http://127.0.0.1:9/']);
  assert.match(curl.stdout, /^curl -sS -X POST 'http:\/\/127\.0\.0\.1:9\/' -H 'Content-Type: application\/json' -H 'x-timestamp: \d+' -H 'x-signature: [0-9a-f]{64}' --data-binary '\{/);
});

test('sign --type sets the event type where the dialect sends it in a header (wasabicard X-WSB-CATEGORY, onerway X-Event-Type)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'wsb-private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'wsb-public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  // A card-status push: not a card transaction, so only --type can say its category.
  const body = '{"cardNo":"C1","status":"Freeze","remark":"user request"}';
  const signed = run(['sign', '--dialect', 'wasabicard', '-', '--key', 'wsb-private.pem', '--type', 'card_status', '--json'], body);
  assert.equal(signed.status, 0, signed.stderr);
  const request = JSON.parse(signed.stdout);
  assert.equal(request.headers['X-WSB-CATEGORY'], 'card_status');
  assert.equal(request.body, body);
  // The signature is node:crypto's SHA256withRSA over the raw body.
  assert.ok(createVerify('RSA-SHA256').update(body).verify(publicKey, request.headers['X-WSB-SIGNATURE'], 'base64'));
  const onerway = run(['sign', '--dialect', 'onerway', '-', '--key', 'wsb-private.pem', '--type', 'cardOperateRecordEvent', '--json'], '{"operateRecordId":"1","txnOrderNo":"2","status":"S"}');
  assert.equal(onerway.status, 0, onerway.stderr);
  assert.equal(JSON.parse(onerway.stdout).headers['X-Event-Type'], 'cardOperateRecordEvent');
});

test('keygen --out never writes through a planted symlink, and an older 0644 private.pem ends 0600', () => {
  const victim = join(dir, 'victim.txt');
  writeFileSync(victim, 'precious');
  for (const name of ['private.pem', 'public.pem']) {
    const out = join(dir, `planted-${name}`);
    mkdirSync(out);
    symlinkSync(victim, join(out, name));
    const refused = run(['keygen', '--out', `planted-${name}`]);
    assert.equal(refused.status, 1, refused.stdout);
    assert.match(refused.stderr, /symbolic link/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
    assert.ok(lstatSync(join(out, name)).isSymbolicLink());
    assert.deepEqual(readdirSync(out), [name], 'nothing else written');
  }
  const loose = join(dir, 'loose-keys');
  mkdirSync(loose);
  writeFileSync(join(loose, 'private.pem'), 'an older key');
  chmodSync(join(loose, 'private.pem'), 0o644);
  const made = run(['keygen', '--out', 'loose-keys']);
  assert.equal(made.status, 0, made.stderr);
  assert.equal(statSync(join(loose, 'private.pem')).mode & 0o777, 0o600);
  assert.match(readFileSync(join(loose, 'private.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
  assert.match(readFileSync(join(loose, 'public.pem'), 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
  assert.deepEqual(readdirSync(loose).sort(), ['private.pem', 'public.pem'], 'no temporary file left');
});

test('listen receives from send: verified pushes are acknowledged, send exits 0', async () => {
  const { url, stop } = await startServer(cli, ['listen', '--port', '0', '--dialect', 'onerway-v2', '--secret', SECRET], dir);
  try {
    const sent = spawnSync(cli, ['send', '--to', url, '--dialect', 'onerway-v2', 'v2.json', '--secret', SECRET, '--count', '2'], { cwd: dir, env: quietEnv, encoding: 'utf8' });
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.equal(sent.stdout.match(/^ack /gm)?.length, 2);
    const wrong = spawnSync(cli, ['send', '--to', url, '--dialect', 'onerway-v2', 'v2.json', '--secret', 'not-the-secret'], { cwd: dir, env: quietEnv, encoding: 'utf8' });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /SIGNATURE_MISMATCH/);
  } finally {
    stop();
  }
});

test('--scheme: sign, verify, canonicalize and explain a declared-scheme push; listen --scheme acknowledges send --scheme', async () => {
  const scheme = { algorithm: 'hmac-sha512', signature: { header: 'X-Sign' }, signed: { fields: { form: 'pairs', omit: ['null', 'empty'], headers: ['nonce', 'timestamp'] } }, timestamp: { header: 'timestamp', unit: 'ms' }, type: 'event', id: 'orderId' };
  writeFileSync(join(dir, 'scheme.json'), JSON.stringify(scheme));
  writeFileSync(join(dir, 'custom.json'), '{"event":"card.charged","orderId":"o-7","amount":12.50,"memo":""}');
  const signed = run(['sign', '--scheme', 'scheme.json', 'custom.json', '--secret', SECRET, '-H', 'nonce: n-1', '--json']);
  assert.equal(signed.status, 0, signed.stderr);
  const request = JSON.parse(signed.stdout);
  assert.equal(request.headers.nonce, 'n-1');
  writeFileSync(join(dir, 'custom-body.json'), request.body);
  const headerArgs = Object.entries(request.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const verified = run(['verify', 'custom-body.json', '--scheme', 'scheme.json', '--secret', SECRET, ...headerArgs]);
  assert.equal(verified.status, 0, verified.stderr);
  const event = JSON.parse(verified.stdout);
  assert.deepEqual([event.dialect, event.type, event.id, event.verified], ['custom', 'card.charged', 'o-7', true]);
  const canonical = run(['canonicalize', 'custom-body.json', '--scheme', 'scheme.json', ...headerArgs]);
  assert.equal(canonical.stdout, `amount=12.50&event=card.charged&nonce=n-1&orderId=o-7&timestamp=${request.headers.timestamp}\n`);
  const explained = run(['explain', 'custom-body.json', '--scheme', 'scheme.json', '--secret', 'wrong', ...headerArgs, '--json']);
  assert.equal(explained.status, 1);
  assert.equal(JSON.parse(explained.stdout).signedString, canonical.stdout.trim());
  const both = run(['verify', 'custom-body.json', '--scheme', 'scheme.json', '--dialect', 'upay', '--secret', SECRET]);
  assert.equal(both.status, 2);
  const { url, stop } = await startServer(cli, ['listen', '--port', '0', '--secret', SECRET, '--scheme', 'scheme.json'], dir);
  try {
    const sent = spawnSync(cli, ['send', '--to', url, '--scheme', 'scheme.json', 'custom.json', '--secret', SECRET], { cwd: dir, env: quietEnv, encoding: 'utf8' });
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.match(sent.stdout, /^ack /m);
  } finally {
    stop();
  }
});

test('listen answers 408 or closes an upload whose body or headers stall, within --timeout', async () => {
  const { url, stop } = await startServer(cli, ['listen', '--port', '0', '--dialect', 'onerway-v2', '--secret', SECRET, '--timeout', '1'], dir);
  // Resolves to what the socket received before it closed, and how long that took.
  const stall = (head) =>
    new Promise((ok) => {
      const started = Date.now();
      const socket = connect(Number(new URL(url).port), '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (d) => (received += d));
      socket.on('error', () => {});
      socket.on('close', () => ok({ received, ms: Date.now() - started }));
      socket.write(head);
      setTimeout(() => socket.destroy(), 10_000);
    });
  try {
    const body = await stall('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 524288\r\n\r\n{"request_id":');
    const headers = await stall('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    for (const stalled of [body, headers]) {
      assert.ok(stalled.ms < 4000, `closed after ${stalled.ms} ms`);
      assert.ok(stalled.received === '' || /^HTTP\/1\.1 408 /.test(stalled.received), stalled.received);
    }
  } finally {
    stop();
  }
});

test('a secret from --secret-file (one trailing newline dropped) or CARDHOOK_SECRET; --secret with --secret-file is a usage error', async () => {
  writeFileSync(join(dir, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(join(dir, 'secret-two-newlines.txt'), `${SECRET}\n\n`);
  const signed = run(['sign', '--dialect', 'onerway-v2', 'v2.json', '--secret-file', 'secret.txt', '--json']);
  assert.equal(signed.status, 0, signed.stderr);
  const { body, headers } = JSON.parse(signed.stdout);
  writeFileSync(join(dir, 'v2-from-file.json'), body);
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  // Signed with exactly SECRET: the file's newline was not part of it.
  const withFlag = run(['verify', 'v2-from-file.json', '--dialect', 'onerway-v2', '--secret', SECRET, ...headerArgs]);
  assert.equal(withFlag.status, 0, withFlag.stderr);
  const fromFile = run(['verify', 'v2-from-file.json', '--dialect', 'onerway-v2', '--secret-file', 'secret.txt', ...headerArgs]);
  assert.equal(fromFile.status, 0, fromFile.stderr);
  const onlyOneDropped = run(['verify', 'v2-from-file.json', '--dialect', 'onerway-v2', '--secret-file', 'secret-two-newlines.txt', ...headerArgs]);
  assert.match(onlyOneDropped.stderr, /^SIGNATURE_MISMATCH: /);
  const withEnv = { ...quietEnv, CARDHOOK_SECRET: SECRET };
  const fromEnv = spawnSync(cli, ['verify', 'v2-from-file.json', '--dialect', 'onerway-v2', ...headerArgs], { cwd: dir, env: withEnv, encoding: 'utf8' });
  assert.equal(fromEnv.status, 0, fromEnv.stderr);
  const explained = spawnSync(cli, ['explain', 'v2-from-file.json', '--dialect', 'onerway-v2', ...headerArgs], { cwd: dir, env: withEnv, encoding: 'utf8' });
  assert.equal(explained.status, 0, explained.stdout + explained.stderr);
  const both = run(['verify', 'v2-from-file.json', '--dialect', 'onerway-v2', '--secret', SECRET, '--secret-file', 'secret.txt', ...headerArgs]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--secret-file F or --secret S, not both/);
  assert.match(run(['listen', '--help']).stdout, /CARDHOOK_SECRET/);
  // listen takes the secret from its environment, send from a file.
  const { url, stop } = await startServer(cli, ['listen', '--port', '0', '--dialect', 'onerway-v2'], dir, { env: withEnv });
  try {
    const sent = run(['send', '--to', url, '--dialect', 'onerway-v2', 'v2.json', '--secret-file', 'secret.txt']);
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.match(sent.stdout, /^ack /m);
  } finally {
    stop();
  }
});

test('verify and listen need --dialect where the credential could verify several dialects; listen --dialect a,b acknowledges both providers; explain says when it detected the dialect', async () => {
  const noDialect = run(['verify', 'push.json', '--key', 'provider.pem', '-H', 'X-Event-Type: transactionEvent']);
  assert.equal(noDialect.status, 2, noDialect.stderr);
  assert.match(noDialect.stderr, /give --dialect D: --key could verify pushes of .*onerway.*wasabicard/);
  const listenNoDialect = run(['listen', '--port', '0', '--secret', SECRET]);
  assert.equal(listenNoDialect.status, 2, listenNoDialect.stdout);
  assert.match(listenNoDialect.stderr, /give --dialect D: .*a comma list for several providers/);
  assert.equal(run(['verify', 'push.json', '--dialect', 'onerway,onerway-v2', '--key', 'provider.pem', '--secret', SECRET]).status, 0);
  // Two HMAC dialects sharing one secret: the library refuses it, and so the command's usage.
  assert.equal(run(['verify', 'push.json', '--dialect', 'onerway-v2,upay', '--secret', SECRET]).status, 2);

  writeFileSync(join(dir, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(join(dir, 'vector-private.pem'), rsa.keys.rsa2048.privateKeyPem);
  const { url, stop } = await startServer(cli, ['listen', '--port', '0', '--dialect', 'onerway,onerway-v2', '--key', 'provider.pem', '--secret-file', 'secret.txt', '--json'], dir);
  try {
    const legacy = run(['send', '--to', url, '--dialect', 'onerway', '--type', 'transactionEvent', '--key', 'vector-private.pem']);
    assert.equal(legacy.status, 0, legacy.stdout + legacy.stderr);
    const current = run(['send', '--to', url, '--dialect', 'onerway-v2', 'v2.json', '--secret-file', 'secret.txt']);
    assert.equal(current.status, 0, current.stdout + current.stderr);
    // Another provider's push on this port is refused, whatever it is signed with.
    const other = run(['send', '--to', url, '--dialect', 'upay', 'upay.json', '--secret-file', 'secret.txt']);
    assert.equal(other.status, 1);
    assert.match(other.stdout, /DIALECT_NOT_ALLOWED/);
  } finally {
    stop();
  }

  const detected = JSON.parse(run(['explain', 'push.json', '--key', 'provider.pem', '-H', 'X-Event-Type: transactionEvent', '--json']).stdout);
  assert.deepEqual([detected.verified, detected.dialect], [true, 'onerway']);
  assert.match(detected.dialectDetected, /--dialect D/);
  const named = JSON.parse(run(['explain', 'push.json', '--dialect', 'onerway', '--key', 'provider.pem', '-H', 'X-Event-Type: transactionEvent', '--json']).stdout);
  assert.deepEqual([named.verified, named.dialect, named.dialectDetected], [true, 'onerway', undefined]);
});

test('send --retries follows the provider schedule (time-compressed) until acknowledged, or gives up', async () => {
  let calls = 0;
  const flaky = createServer((req, res) => {
    req.resume();
    calls++;
    if (calls <= 2) res.writeHead(500).end('busy');
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('SUCCESS');
  });
  await new Promise((ok) => flaky.listen(0, '127.0.0.1', ok));
  const never = createServer((req, res) => {
    req.resume();
    res.writeHead(503).end('down');
  });
  await new Promise((ok) => never.listen(0, '127.0.0.1', ok));
  try {
    // Asynchronous, so the receivers in this process can answer while `send` runs.
    const sendTo = (server) =>
      new Promise((ok) =>
        execFile(cli, ['send', '--to', `http://127.0.0.1:${server.address().port}/`, '--dialect', 'upay', 'upay.json', '--secret', SECRET, '--retries', '--speed', '100', '--json'], { cwd: dir, env: quietEnv }, (err, stdout) =>
          ok({ code: err?.code ?? 0, lines: stdout.trim().split('\n').map((l) => JSON.parse(l)) }),
        ),
      );
    const retried = await sendTo(flaky);
    assert.equal(retried.code, 0);
    assert.deepEqual(retried.lines.map((l) => [l.attempt, l.status, l.acknowledged]), [[1, 500, false], [2, 500, false], [3, 200, true]]);
    const gaveUp = await sendTo(never);
    assert.equal(gaveUp.code, 1);
    assert.equal(gaveUp.lines.length, 6, 'UPay sends once and retries 5 times');
  } finally {
    flaky.close();
    never.close();
  }
});

test('--help for every command, with an example', () => {
  for (const command of ['verify', 'decode', 'canonicalize', 'sign', 'keygen', 'send', 'listen', 'explain', 'dialects']) {
    const help = execFileSync(cli, [command, '--help'], { cwd: dir, env: quietEnv, encoding: 'utf8' });
    assert.match(help, new RegExp(`^cardhook ${command}`));
    assert.match(help, /Examples?:/);
  }
});

test('explain names the cause: a re-serialised body, whitespace around a secret, another canonical form', () => {
  // The Java-signed push after JSON.parse + JSON.stringify: 50.00 became 50.
  writeFileSync(join(dir, 'reserialised.json'), JSON.stringify(JSON.parse(push.body)));
  const reserialised = run(['explain', 'reserialised.json', '--key', 'provider.pem', '--json']);
  assert.equal(reserialised.status, 1);
  const report = JSON.parse(reserialised.stdout);
  assert.equal(report.dialect, 'onerway');
  assert.match(report.signedStringSha256, /^[0-9a-f]{64}$/);
  assert.match(report.signature, /Base64, 344 characters = 256 bytes/);
  assert.match(report.keysTried[0], /RSA 2048 bits/);
  assert.ok(report.hints.some((h) => /re-serialised/.test(h)), JSON.stringify(report.hints));

  const signed = JSON.parse(run(['sign', '--dialect', 'onerway-v2', 'v2.json', '--secret', SECRET, '--json']).stdout);
  writeFileSync(join(dir, 'v2-signed.json'), signed.body);
  const headerArgs = Object.entries(signed.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const spaced = run(['explain', 'v2-signed.json', '--secret', `${SECRET}\n`, ...headerArgs, '--json']);
  assert.equal(spaced.status, 1);
  assert.ok(JSON.parse(spaced.stdout).hints.some((h) => /trimmed/.test(h)));
  const wrong = run(['explain', 'v2-signed.json', '--secret', 'another-secret', ...headerArgs, '--json']);
  assert.equal(wrong.status, 1);
  const wrongReport = JSON.parse(wrong.stdout);
  assert.match(wrongReport.error, /^SIGNATURE_MISMATCH/);
  assert.deepEqual(wrongReport.secretsTried, ['14 characters']);
  assert.ok(wrongReport.hints.some((h) => /secret is this provider's/.test(h)), JSON.stringify(wrongReport.hints));
  const right = run(['explain', 'v2-signed.json', '--secret', SECRET, ...headerArgs]);
  assert.equal(right.status, 0, right.stdout);

  writeFileSync(join(dir, 'pairs.json'), pairs.body);
  writeFileSync(join(dir, 'pairs-key.pem'), rsa.keys[pairs.key].publicKeyPem);
  const form = run(['explain', 'pairs.json', '--key', 'pairs-key.pem', '--json']);
  assert.equal(form.status, 1);
  assert.ok(JSON.parse(form.stdout).hints.some((h) => /`pairs` canonical form/.test(h)));
});

test('send acts as the provider against the examples: the Node receiver and the Worker in workerd acknowledge', async () => {
  writeFileSync(join(dir, 'vector-private.pem'), rsa.keys.rsa2048.privateKeyPem);
  const node = await startServer(process.execPath, ['node-server.mjs'], dir);
  try {
    const sent = spawnSync(cli, ['send', '--to', node.url, '--dialect', 'onerway', '--type', 'transactionEvent', '--key', 'vector-private.pem', '--json'], { cwd: dir, env: quietEnv, encoding: 'utf8' });
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.equal(JSON.parse(sent.stdout).acknowledged, true);
  } finally {
    node.stop();
  }
  const { bundleWorker, startWorker } = await import('../../scripts/worker-bundle.mjs');
  const { script } = await bundleWorker(join(dir, 'worker.mjs'), join(dir, 'worker-dist'));
  const mf = startWorker(script, {
    host: '127.0.0.1',
    port: 0,
    bindings: { ONERWAY_PUBLIC_KEY: push.publicKey, ONERWAY_WEBHOOK_SECRET: SECRET },
  });
  try {
    const url = (await mf.ready).href;
    const sent = await new Promise((ok) =>
      execFile(cli, ['send', '--to', url, '--dialect', 'onerway-v2', '--type', 'issuing.cardTransactionEvent', '--secret', SECRET, '--count', '2', '--json'], { cwd: dir, env: quietEnv }, (err, stdout) => ok({ code: err?.code ?? 0, stdout })),
    );
    assert.equal(sent.code, 0, sent.stdout);
    assert.deepEqual(sent.stdout.trim().split('\n').map((l) => JSON.parse(l).acknowledged), [true, true]);
  } finally {
    await mf.dispose();
  }
});
