#!/usr/bin/env node
// `cardhook`: verify, decode and sign webhooks from the command line, and act as a provider
// (`send`) or a receiver (`listen`) to test an endpoint end to end. Node ≥ 18.
import { closeSync, constants as fs, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { DEFAULT_RETRY_AFTER_SECONDS } from './generated.js';
import { ack, canonicalize, decode, dialects, sample, samples, signRequest, Verifier, WebhookError } from './testing-node.mjs';

/** How verify and explain read what `sign --json` prints. */
const SIGN_JSON_INPUT =
  'Input that parses as exactly { "body": string, "headers": { name: string } }, what\n  sign --json prints, is taken as that body with those headers (-H adds to them).';
const USAGE = {
  verify: `cardhook verify [FILE|-] (--key FILE | --secret-file F | --secret S) (--dialect D[,D...] | --scheme FILE) [-H 'Name: value']... [--now T]
  Verifies a push (the raw body from FILE, or standard input) and prints the typed event as JSON.
  --dialect names the provider whose pushes the credential verifies (a comma list: any of them,
  each checked with the credential of its kind); it is needed wherever the key or secret could
  verify several dialects' pushes, as every one can today. T is epoch milliseconds or an ISO
  date. --scheme reads a declared scheme (JSON) for a provider without a dialect.
  ${SIGN_JSON_INPUT} Examples:
    cardhook verify push.json --dialect onerway --key provider.pem -H 'X-Event-Type: transactionEvent'
    cardhook sign --dialect upay --type CC_REFUND --secret-file s.txt --json | cardhook verify - --dialect upay --secret-file s.txt
    cardhook verify push.json --scheme scheme.json --secret-file secret.txt -H "X-Timestamp: $TS" -H "X-Sign: $SIG"`,
  decode: `cardhook decode [FILE|-] [--dialect D | --scheme FILE] [-H 'Name: value']...
  Decodes a push without checking its signature and prints the event as JSON. Example:
    cardhook decode push.json`,
  canonicalize: `cardhook canonicalize [FILE|-] [--dialect D | --scheme FILE] [-H 'Name: value']... [--canonical json|pairs|values]
  Prints the signed input: the exact string the provider signed for this push, as --dialect D (or
  the declared --scheme) rebuilds it from the body and the -H headers it signs (a timestamp, say);
  without either, an onerway push's (--canonical picks its form). Examples:
    cardhook canonicalize push.json --canonical pairs
    cardhook canonicalize push.json --dialect onerway-v2 -H "x-timestamp: $TS" -H "x-signature: $SIG"`,
  sign: `cardhook sign (--dialect D | --scheme FILE) [FILE|-] (--key FILE | --secret-file F | --secret S) [--type T] [--now T] [-H 'Name: value']... [--json | --curl URL]
  Prints the body and headers the provider would send for the payload in FILE (- for standard
  input; without FILE, the provider's documented sample of --type T). With --scheme, -H gives
  the values of headers the scheme signs (the timestamp header defaults to now).
  --json prints { "body", "headers" }; --curl URL prints a ready curl command. Example:
    cardhook sign --dialect onerway-v2 payload.json --secret-file secret.txt --curl http://127.0.0.1:3000/`,
  keygen: `cardhook keygen [--out DIR]
  Makes a throwaway RSA-2048 key pair for testing (public.pem, private.pem in DIR, else printed).
  Each file is written anew (private.pem mode 0600, replacing an older file whatever its mode);
  a symbolic link at either path is refused. Example:
    cardhook keygen --out test-keys`,
  send: `cardhook send --to URL (--dialect D | --scheme FILE) [FILE|-] (--key FILE | --secret-file F | --secret S) [--type T] [--count N] [--retries] [--speed X]
  Acts as the provider: signs the payload (FILE, - for standard input, else the documented sample
  of --type T), POSTs it with the provider's headers, prints status,
  latency and response, and checks the response is the provider's ack. With --retries it follows
  the provider's retry schedule (time divided by --speed) until acknowledged. Example:
    cardhook send --to http://127.0.0.1:3000/ --dialect upay payload.json --secret-file secret.txt --retries --speed 100`,
  explain: `cardhook explain [FILE|-] (--key FILE | --secret-file F | --secret S) [--dialect D | --scheme FILE] [-H 'Name: value']... [--now T] [--json]
  Says why a push does not verify: the dialect, the signed input (the exact string the provider
  signed, HMAC dialects' too) and its SHA-256, the signature's encoding and length against the
  key size, which keys or secrets were tried, and hints (a body that was re-serialised,
  whitespace around a secret, another canonical form that verifies). Without --dialect the
  dialect is detected from the push, and the report says so. ${SIGN_JSON_INPUT}
  Example:
    cardhook explain push.json --key provider.pem -H 'X-Event-Type: transactionEvent'`,
  dialects: `cardhook dialects [--json]
  Lists the dialects: each one's id, whether its pushes are signed, the credential that verifies
  them (--key for publicKey, the secret for secret), the retry schedule (seconds after a failed
  attempt), and the event types whose documented samples sign and send take with --type T.
  --json prints them as a JSON array. Example:
    cardhook dialects`,
  listen: `cardhook listen --port P (--key FILE | --secret-file F | --secret S) (--dialect D[,D...] | --scheme FILE) [--timeout S]
  Runs a local receiver: verifies each push, prints one line per push (its dialect, type and id;
  for a refusal, the error code, its message and the dialect when the listener takes one) and
  answers the provider's ack (under --scheme: 200, empty) or 400 with the error code. --dialect as for verify: a comma
  list accepts several providers' pushes on one port, each checked with the credential of its
  kind. A request's headers, and its body, must each arrive within --timeout seconds (default
  30): a stalled one is answered 408 or its connection closed. Example:
    cardhook listen --port 3000 --dialect onerway,onerway-v2 --key onerway.pem --secret-file secret.txt`,
};
const SECRETS =
  'Secrets: --secret-file F reads the HMAC secret from F (one trailing newline dropped); without\n' +
  '--secret-file, --secret or --key, CARDHOOK_SECRET in the environment is the secret. Prefer\n' +
  'either to --secret S, which other users see in ps and your shell keeps in its history.';
const EXIT = 'Exit codes: 0 success; 1 the push was refused, never acknowledged, or an error; 2 usage.';
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);

class UsageError extends Error {}

/** The flag that sets each library option the core's messages name as "(option `name`)". */
const FLAG_OF_OPTION = {
  publicKey: '--key',
  privateKey: '--key',
  secret: '--secret-file/--secret',
  dialect: '--dialect',
  scheme: '--scheme',
  canonical: '--canonical',
  headers: '-H',
  eventType: '--type',
  toleranceSeconds: '--now',
  now: '--now',
};

/** A library message said in the CLI's terms: "(option `publicKey`)" becomes "(--key)". */
const inFlags = (message) => message.replace(/\(option `(\w+)`\)/g, (all, name) => (FLAG_OF_OPTION[name] === undefined ? all : `(${FLAG_OF_OPTION[name]})`));

/** A refusal to do what was asked, said as its message alone (exit 1). */
class Refusal extends Error {}

function fail(err) {
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (err instanceof Refusal) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  if (err instanceof WebhookError) {
    process.stderr.write(`${err.code}: ${inFlags(err.message)}\n`);
    process.exit(1);
  }
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
}

function readInput(file) {
  return file === undefined || file === '-' ? readFileSync(0) : readFileSync(file);
}

/**
 * What `sign --json` prints, `{ "body": string, "headers": { name: string } }`, when `raw` parses
 * as exactly that (no other keys), else undefined. No provider's push has that shape, so such
 * input is a signed request to take apart, not a body.
 */
function signedRequestIn(raw) {
  let value;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).sort();
  if (keys.length !== 2 || keys[0] !== 'body' || keys[1] !== 'headers') return undefined;
  const { body, headers } = value;
  if (typeof body !== 'string' || headers === null || typeof headers !== 'object' || Array.isArray(headers)) return undefined;
  if (!Object.values(headers).every((v) => typeof v === 'string')) return undefined;
  return { body, headers };
}

/**
 * The push to verify or explain: the body in FILE (or standard input) with the -H headers; or,
 * where the input is what `sign --json` prints, its body and headers, the -H headers after them.
 */
function pushOf(file, values) {
  const raw = readInput(file);
  const given = headersOf(values.header);
  const signed = signedRequestIn(raw);
  if (signed === undefined) return { body: raw, headers: given };
  return { body: signed.body, headers: [...Object.entries(signed.headers), ...given] };
}

/** The payload to sign: FILE, standard input for `-`, else the documented sample of --type. */
function payloadOf(file, values) {
  if (file !== undefined) return readInput(file);
  if (values.scheme !== undefined) throw new UsageError('give a payload FILE (or - for standard input): a declared scheme has no samples');
  if (values.type === undefined) {
    const types = samples().filter((s) => s.dialect === values.dialect).map((s) => s.type);
    throw new UsageError(`give a payload FILE (or - for standard input), or --type T to sign the documented sample (${values.dialect}: ${types.join(', ')})`);
  }
  return sample(values.dialect, values.type);
}

function headersOf(list = []) {
  return list.map((line) => {
    const at = line.indexOf(':');
    if (at <= 0) throw new UsageError(`-H takes 'Name: value', not '${line}'`);
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}

function instant(text) {
  if (text === undefined) return undefined;
  const ms = /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--now takes epoch milliseconds or an ISO date, not '${text}'`);
  return ms;
}

/**
 * The HMAC secret: from --secret-file (its one trailing newline, as editors and `echo` leave it,
 * dropped), --secret, or else, when no credential is given at all (no --key either: a key and a
 * secret nobody asked for would be two credentials), the CARDHOOK_SECRET environment variable.
 */
function secretOf(values) {
  const file = values['secret-file'];
  if (file !== undefined && values.secret !== undefined) throw new UsageError('give --secret-file F or --secret S, not both');
  if (file !== undefined) return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (values.secret !== undefined) return values.secret;
  if (values.key !== undefined) return undefined;
  const env = process.env.CARDHOOK_SECRET;
  return env === undefined || env === '' ? undefined : env;
}

function credentials(values) {
  const out = {};
  if (values.key !== undefined) out.publicKey = readFileSync(values.key, 'utf8');
  const secret = secretOf(values);
  if (secret !== undefined) out.secret = secret;
  if (out.publicKey === undefined && out.secret === undefined) throw new UsageError('give --key FILE (RSA dialects) or --secret-file F, CARDHOOK_SECRET or --secret S (HMAC dialects)');
  return out;
}

/** Signs `payload` as the command's dialect, or as a `custom` push under its --scheme. */
function signAs(values, payload, credential, extra = {}) {
  if (values.scheme !== undefined) {
    return signRequest('custom', payload, { ...credential, ...target(values), headers: headersOf(values.header), ...extra });
  }
  // Where the dialect sends the event type in a header, --type names it; elsewhere it is in the body.
  const inHeader = dialects().find((d) => d.id === values.dialect)?.typeField === null;
  return signRequest(values.dialect, payload, { ...credential, eventType: inHeader ? values.type : undefined, ...extra });
}

function signingCredentials(values) {
  const secret = secretOf(values);
  if (values.key !== undefined) return { privateKey: readFileSync(values.key, 'utf8') };
  if (secret !== undefined) return { secret };
  throw new UsageError('give --key FILE (a PEM private key, RSA dialects) or --secret-file F, CARDHOOK_SECRET or --secret S (HMAC dialects)');
}

/**
 * What a verifier accepts: `{ scheme }` under --scheme; `{ dialect }` from --dialect, one id or,
 * where `list` allows, a comma list (`dialect: [...]`: each provider's pushes, each checked with
 * the credential of its kind); without --dialect, `{}` only when `creds` could verify a single
 * dialect — a key or secret that several providers' pushes could carry would let each push's
 * sender pick which, so that is a usage error naming the dialects to choose from.
 */
function verifierTarget(values, creds, { list = false } = {}) {
  if (values.scheme !== undefined) return target(values);
  if (values.dialect !== undefined) {
    const named = values.dialect.split(',').map((d) => d.trim()).filter((d) => d !== '');
    if (named.length === 0) throw new UsageError('--dialect takes a dialect id');
    if (named.length > 1 && !list) throw new UsageError(`--dialect takes one dialect here, not '${values.dialect}'`);
    return { dialect: named.length === 1 ? named[0] : named };
  }
  const kinds = Object.keys(creds);
  const candidates = dialects().filter((d) => d.signed && kinds.includes(d.credential)).map((d) => d.id);
  if (candidates.length > 1) {
    const flags = kinds.map((k) => (k === 'publicKey' ? '--key' : 'the secret')).join(' and ');
    const several = list ? `, or a comma list for several providers (--dialect ${candidates.slice(0, 2).join(',')})` : '';
    throw new UsageError(`give --dialect D: ${flags} could verify pushes of ${candidates.join(', ')}, and a push's sender must not choose which${several}`);
  }
  return {};
}

/** A verifier of `options`; a refusal of the options themselves (INVALID_OPTION) is a usage error, since they came from the flags. */
function verifierOf(options) {
  try {
    return new Verifier(options);
  } catch (err) {
    if (err instanceof WebhookError && err.code === 'INVALID_OPTION') throw new UsageError(inFlags(err.message));
    throw err;
  }
}

/** `{ dialect }`, or `{ scheme }` read from the --scheme FILE (never both). */
function target(values) {
  if (values.scheme === undefined) return { dialect: values.dialect };
  if (values.dialect !== undefined && values.dialect !== 'custom') throw new UsageError('give --dialect D or --scheme FILE, not both');
  // Read once per command: `send` signs every attempt afresh.
  values.schemeText ??= readFileSync(values.scheme, 'utf8');
  return { scheme: values.schemeText };
}


/** Refuses, before anything is written, a path where a file cannot be safely put: a symbolic link (planted, or meant for its target) or something other than a file. */
function checkWritable(path) {
  let existing;
  try {
    existing = lstatSync(path);
  } catch (err) {
    if (err.code === 'ENOENT') return;
    throw err;
  }
  if (existing.isSymbolicLink()) throw new Refusal(`refusing to write ${path}: it is a symbolic link, which would be written through`);
  if (!existing.isFile()) throw new Refusal(`refusing to write ${path}: it is not a regular file`);
}

/**
 * Puts `text` at `path` as a new file of `mode`: created beside it under a random name with
 * O_EXCL (nothing planted there is opened or followed), then renamed into place, which replaces an
 * older file whole (its looser mode too) and, should a symlink appear at `path` meanwhile,
 * replaces the link rather than writing through it.
 */
function writeNewFile(path, text, mode) {
  checkWritable(path);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(temp, fs.O_WRONLY | fs.O_CREAT | fs.O_EXCL | (fs.O_NOFOLLOW ?? 0), mode);
  try {
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

const print = (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** The event with its lazily parsed payload made plain, for printing. */
const plain = (event) => ({ ...event, payload: event.payload });

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** The provider's retry schedule (seconds after the first attempt's failure), from the registry. */
function retrySchedule(dialect) {
  const found = dialects().find((d) => d.id === dialect);
  if (!found) throw new UsageError(`unknown dialect '${dialect}' (known: ${dialects().map((d) => d.id).join(', ')})`);
  return found.retryAfterSeconds;
}

/** The outcome of verifying `body`, as `verified …` or the error code. */
function outcome(body, options, call) {
  try {
    const event = new Verifier(options).verify(body, call);
    return { ok: true, event };
  } catch (err) {
    if (!(err instanceof WebhookError)) throw err;
    return { ok: false, code: err.code, message: inFlags(err.message) };
  }
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/**
 * Why a push does not verify: what was checked, and which likely mistake makes it verify —
 * re-serialised numbers, whitespace around a secret, another canonical form.
 */
function explain({ body, headers }, values) {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  const now = instant(values.now);
  const creds = credentials(values);
  // The dialect to check it as: --dialect (or the scheme), else, for a diagnosis, the one its
  // shape and headers suggest, said so in the report (a verifier never lets the push choose).
  let dialect = values.scheme === undefined ? verifierTarget({ dialect: values.dialect }, {}).dialect : 'custom';
  let detected = false;
  if (dialect === undefined) {
    try {
      dialect = decode(text, { headers }).dialect;
      detected = true;
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
    }
  }
  const base = { ...creds, ...(values.scheme === undefined ? { dialect } : target(values)) };
  const call = { headers, now };
  const first = outcome(text, base, call);
  const report = { verified: first.ok, dialect: dialect ?? 'not detected' };
  if (detected) report.dialectDetected = 'from the push itself, whose sender chooses its shape and headers: to verify, name the provider you expect with --dialect D';
  if (first.ok) {
    report.event = `${first.event.dialect} ${first.event.type} ${first.event.id}`;
    report.hints = [];
    return report;
  }
  report.error = `${first.code}: ${first.message}`;
  const hints = [];
  if (dialect === 'onerway') {
    const signedString = canonicalize(text);
    report.signedString = signedString;
    report.signedStringSha256 = sha256(signedString);
    const sign = (() => {
      try {
        return JSON.parse(text).sign;
      } catch {
        return undefined;
      }
    })();
    if (typeof sign === 'string') {
      const hex = /^[0-9a-fA-F]+$/.test(sign) && sign.length % 2 === 0;
      const bytes = hex ? sign.length / 2 : Math.floor((sign.replace(/=+$/, '').length * 3) / 4);
      report.signature = `${hex ? 'hex' : 'Base64'}, ${sign.length} characters = ${bytes} bytes`;
    }
    if (creds.publicKey) report.keysTried = [describeKey(creds.publicKey)];
    for (const form of ['json', 'pairs', 'values']) {
      if (outcome(text, { ...base, canonical: form }, call).ok && form !== 'json') {
        hints.push(`it verifies with the \`${form}\` canonical form: pass canonical: '${form}' (or --canonical ${form})`);
      }
    }
  } else if (dialect === 'custom') {
    try {
      const signedString = canonicalize(text, { scheme: base.scheme, headers });
      report.signedString = signedString;
      report.signedStringSha256 = sha256(signedString);
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      report.signedString = `${err.code}: ${err.message}`;
    }
  } else if (dialect !== undefined) {
    try {
      const signedInput = canonicalize(text, { dialect, headers });
      report.signedInput = signedInput;
      report.signedInputSha256 = sha256(signedInput);
    } catch (err) {
      if (!(err instanceof WebhookError)) throw err;
      report.signedInput = `unknown (${err.code}: ${inFlags(err.message)})`;
    }
  }
  if (creds.publicKey && report.keysTried === undefined) report.keysTried = [describeKey(creds.publicKey)];
  if (creds.secret !== undefined) {
    report.secretsTried = [`${creds.secret.length} characters${creds.secret !== creds.secret.trim() ? ', with white space at an end' : ''}`];
    const trimmed = creds.secret.trim();
    if (trimmed !== creds.secret && trimmed !== '' && outcome(text, { ...base, secret: trimmed }, call).ok) {
      hints.push('it verifies with the secret trimmed: the secret has white space (a newline?) at an end');
    }
  }
  // A framework that parsed and re-serialised the body dropped number text (100.00 → 100,
  // 0.50 → 0.5): money written with two decimals again makes such a body verify.
  const restored = text.replace(/("([^"\\]*)"\s*:\s*)(-?\d+(?:\.\d+)?)(?=\s*[,}\]])/g, (all, prefix, name, number) =>
    /amount|fee|price|balance|limit/i.test(name) ? `${prefix}${Number(number).toFixed(2)}` : all,
  );
  if (restored !== text && outcome(restored, base, call).ok) {
    hints.push('it verifies with its amounts written with two decimals (100 → 100.00): the body was re-serialised after it arrived (JSON.parse + JSON.stringify drop number text); verify the raw bytes as received');
  }
  if (first.code === 'TIMESTAMP_TOO_OLD' || first.code === 'TIMESTAMP_IN_FUTURE') hints.push('the signature holds but the signed timestamp is outside the replay window: check the clock, or pass --now');
  if (hints.length === 0 && first.code === 'SIGNATURE_MISMATCH') {
    hints.push(`the body is intact as far as can be told: check that the ${creds.secret !== undefined ? 'secret' : 'key'} is this provider's, for this environment (sandbox or live)`);
  }
  if (hints.length === 0) hints.push(`${first.code}: ${first.message}`);
  report.hints = hints;
  return report;
}

/** A key's size and fingerprint, as OpenSSL reads it (cardhook reads more forms than OpenSSL). */
function describeKey(text) {
  try {
    const key = createPublicKey(text.includes('BEGIN') ? text : { key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    const bits = key.asymmetricKeyDetails?.modulusLength;
    const fingerprint = sha256(key.export({ type: 'spki', format: 'der' })).slice(0, 16);
    return `RSA ${bits} bits (a ${bits / 8}-byte signature), SPKI SHA-256 ${fingerprint}…`;
  } catch {
    return 'a key OpenSSL cannot read as given (cardhook reads it if the error above is not INVALID_KEY)';
  }
}

const COMMANDS = {
  verify: {
    options: { key: { type: 'string' }, secret: { type: 'string' }, 'secret-file': { type: 'string' }, dialect: { type: 'string' }, scheme: { type: 'string' }, header: { type: 'string', short: 'H', multiple: true }, now: { type: 'string' } },
    run(values, [file]) {
      const creds = credentials(values);
      const { body, headers } = pushOf(file, values);
      const event = verifierOf({ ...creds, ...verifierTarget(values, creds, { list: true }) }).verify(body, { headers, now: instant(values.now) });
      print(plain(event));
    },
  },
  decode: {
    options: { dialect: { type: 'string' }, scheme: { type: 'string' }, header: { type: 'string', short: 'H', multiple: true } },
    run(values, [file]) {
      print(plain(decode(readInput(file), { ...target(values), headers: headersOf(values.header) })));
    },
  },
  explain: {
    options: { key: { type: 'string' }, secret: { type: 'string' }, 'secret-file': { type: 'string' }, dialect: { type: 'string' }, scheme: { type: 'string' }, header: { type: 'string', short: 'H', multiple: true }, now: { type: 'string' }, json: { type: 'boolean' } },
    run(values, [file]) {
      const report = explain(pushOf(file, values), values);
      if (values.json) print(report);
      else {
        for (const [name, value] of Object.entries(report)) {
          if (name === 'hints') continue;
          process.stdout.write(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
        }
        for (const hint of report.hints) process.stdout.write(`${paint(33, 'hint')}: ${hint}\n`);
      }
      if (!report.verified) process.exitCode = 1;
    },
  },
  canonicalize: {
    options: { canonical: { type: 'string' }, dialect: { type: 'string' }, scheme: { type: 'string' }, header: { type: 'string', short: 'H', multiple: true } },
    run(values, [file]) {
      const how = { ...target(values), canonical: values.canonical, headers: headersOf(values.header) };
      process.stdout.write(`${canonicalize(readInput(file), how)}\n`);
    },
  },
  sign: {
    options: { dialect: { type: 'string' }, scheme: { type: 'string' }, key: { type: 'string' }, secret: { type: 'string' }, 'secret-file': { type: 'string' }, type: { type: 'string' }, now: { type: 'string' }, header: { type: 'string', short: 'H', multiple: true }, json: { type: 'boolean' }, curl: { type: 'string' } },
    run(values, [file]) {
      if (!values.dialect && !values.scheme) throw new UsageError('sign needs --dialect D or --scheme FILE');
      const signed = signAs(values, payloadOf(file, values), signingCredentials(values), { now: instant(values.now) });
      if (values.json) return print(signed);
      if (values.curl !== undefined) {
        const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
        const headers = Object.entries(signed.headers).map(([k, v]) => ` -H ${quote(`${k}: ${v}`)}`).join('');
        return process.stdout.write(`curl -sS -X POST ${quote(values.curl)}${headers} --data-binary ${quote(signed.body)}\n`);
      }
      for (const [name, value] of Object.entries(signed.headers)) process.stdout.write(`${name}: ${value}\n`);
      process.stdout.write(`\n${signed.body}\n`);
    },
  },
  keygen: {
    options: { out: { type: 'string' } },
    run(values) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      if (values.out === undefined) return process.stdout.write(`${publicKey}${privateKey}`);
      mkdirSync(values.out, { recursive: true });
      const publicPath = join(values.out, 'public.pem');
      const privatePath = join(values.out, 'private.pem');
      // Both checked first, so a refusal leaves no half-written pair.
      checkWritable(publicPath);
      checkWritable(privatePath);
      writeNewFile(publicPath, publicKey, 0o644);
      writeNewFile(privatePath, privateKey, 0o600);
      process.stdout.write(`wrote ${join(values.out, 'public.pem')} and ${join(values.out, 'private.pem')} (a test key: never use it for real)\n`);
    },
  },
  send: {
    options: { to: { type: 'string' }, dialect: { type: 'string' }, scheme: { type: 'string' }, key: { type: 'string' }, secret: { type: 'string' }, 'secret-file': { type: 'string' }, type: { type: 'string' }, header: { type: 'string', short: 'H', multiple: true }, count: { type: 'string' }, retries: { type: 'boolean' }, speed: { type: 'string' }, json: { type: 'boolean' } },
    async run(values, [file]) {
      if (!values.to || !(values.dialect || values.scheme)) throw new UsageError('send needs --to URL and --dialect D (or --scheme FILE)');
      const count = values.count === undefined ? 1 : Number(values.count);
      const speed = values.speed === undefined ? 1 : Number(values.speed);
      if (!Number.isInteger(count) || count < 1) throw new UsageError('--count takes a positive integer');
      if (!(speed > 0)) throw new UsageError('--speed takes a positive number');
      const payload = payloadOf(file, values);
      const custom = values.scheme !== undefined;
      const signedDialect = custom || (dialects().find((d) => d.id === values.dialect)?.signed ?? true);
      const credential = signedDialect ? signingCredentials(values) : {};
      const expected = ack(custom ? 'custom' : values.dialect);
      // A declared scheme's provider has no documented schedule: the one assumed for such providers.
      const schedule = values.retries ? (custom ? DEFAULT_RETRY_AFTER_SECONDS : retrySchedule(values.dialect)) : [];
      let unacknowledged = 0;
      for (let n = 1; n <= count; n++) {
        let acknowledged = false;
        for (let attempt = 0; attempt <= schedule.length && !acknowledged; attempt++) {
          if (attempt > 0) await sleep((schedule[attempt - 1] * 1000) / speed);
          // Each attempt is signed afresh, as providers do (a new timestamp and request id);
          // unsigned dialects' pushes go as they are.
          const signed = signedDialect
            ? signAs(values, payload, credential)
            : { body: payload, headers: { 'content-type': 'application/json' } };
          const started = performance.now();
          let status;
          let text;
          try {
            const response = await fetch(values.to, { method: 'POST', body: signed.body, headers: signed.headers });
            status = response.status;
            text = await response.text();
          } catch (err) {
            status = 0;
            text = String(err?.cause?.message ?? err?.message ?? err);
          }
          const ms = Math.round(performance.now() - started);
          acknowledged = status === expected.status && (expected.body === '' || text.trim() === expected.body);
          const line = { push: n, attempt: attempt + 1, status, ms, acknowledged, response: text.slice(0, 200) };
          if (values.json) process.stdout.write(`${JSON.stringify(line)}\n`);
          else process.stdout.write(`${paint(acknowledged ? 32 : 31, acknowledged ? 'ack ' : 'fail')} push ${n} attempt ${attempt + 1}: ${status} in ${ms} ms ${line.response}\n`);
        }
        if (!acknowledged) unacknowledged++;
      }
      if (unacknowledged > 0) {
        process.stderr.write(`${unacknowledged} of ${count} push(es) never acknowledged\n`);
        process.exitCode = 1;
      }
    },
  },
  dialects: {
    options: { json: { type: 'boolean' } },
    run(values) {
      const documented = samples();
      const list = dialects().map((d) => ({ ...d, sampleTypes: documented.filter((s) => s.dialect === d.id).map((s) => s.type) }));
      if (values.json) return print(list);
      for (const d of list) {
        const credential = d.signed ? (d.credential === 'publicKey' ? '--key (an RSA public key)' : '--secret-file/--secret (a shared secret)') : 'none';
        process.stdout.write(
          `${paint(1, d.id)}\n  signed: ${d.signed ? 'yes' : 'no'}\n  credential: ${credential}\n` +
            `  retries after (s): ${d.retryAfterSeconds.join(', ') || 'none'}\n  sample types: ${d.sampleTypes.join(', ') || 'none'}\n`,
        );
      }
    },
  },
  listen: {
    options: { port: { type: 'string' }, key: { type: 'string' }, secret: { type: 'string' }, 'secret-file': { type: 'string' }, dialect: { type: 'string' }, scheme: { type: 'string' }, host: { type: 'string' }, json: { type: 'boolean' }, timeout: { type: 'string' } },
    async run(values) {
      const creds = credentials(values);
      const accepted = verifierTarget(values, creds, { list: true });
      const verifier = verifierOf({ ...creds, ...accepted });
      // A refused push's dialect is known when the listener takes one (or a declared scheme's);
      // with several, the error's message says what was wrong.
      const refusedDialect = accepted.scheme !== undefined ? 'custom' : typeof accepted.dialect === 'string' ? accepted.dialect : undefined;
      const seconds = values.timeout === undefined ? 30 : Number(values.timeout);
      if (!(seconds > 0 && seconds <= 86_400)) throw new UsageError('--timeout takes seconds, more than 0 and at most 86400');
      const timeoutMs = Math.ceil(seconds * 1000);
      // Bounds on a slow or stalled client: Node answers 408 to a request whose headers, or whole
      // request, take longer (checked every interval); verifyRequest gives up on the body itself.
      const limits = { headersTimeout: timeoutMs, requestTimeout: timeoutMs, connectionsCheckingInterval: Math.min(1000, timeoutMs) };
      const server = createServer(limits, async (req, res) => {
        const time = new Date().toISOString();
        try {
          const event = await verifier.verifyRequest(req, { readTimeoutMs: timeoutMs });
          const reply = ack(event.dialect);
          res.writeHead(reply.status, reply.headers).end(reply.body);
          const line = { time, dialect: event.dialect, type: event.type, id: event.id, verified: true };
          process.stdout.write(values.json ? `${JSON.stringify(line)}\n` : `${time} ${paint(32, 'verified')} ${event.dialect} ${event.type} ${event.id}\n`);
        } catch (err) {
          const code = err instanceof WebhookError ? err.code : 'INTERNAL';
          const message = inFlags(String(err?.message ?? err));
          // After REQUEST_TIMEOUT or REQUEST_ABORTED the connection may be gone already.
          if (!res.destroyed) res.writeHead(code === 'REQUEST_TIMEOUT' ? 408 : 400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: code }));
          const line = { time, ...(refusedDialect === undefined ? {} : { dialect: refusedDialect }), error: code, message };
          process.stdout.write(values.json ? `${JSON.stringify(line)}\n` : `${time} ${paint(31, code)}${refusedDialect === undefined ? '' : ` ${refusedDialect}`}: ${message}\n`);
        }
      });
      const port = Number(values.port ?? 3000);
      server.listen(port, values.host ?? '127.0.0.1', () => {
        process.stdout.write(`listening on http://${values.host ?? '127.0.0.1'}:${server.address().port}/\n`);
      });
    },
  },
};

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`cardhook — verify, decode and simulate card-issuing webhooks\n\n${Object.values(USAGE).join('\n\n')}\n\n${SECRETS}\n\n${EXIT}\n`);
    return;
  }
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(', ')}); cardhook --help`);
  if (rest.includes('--help') || rest.includes('-h')) {
    const secrets = 'secret-file' in spec.options ? `${SECRETS}\n\n` : '';
    process.stdout.write(`${USAGE[command]}\n\n${secrets}${EXIT}\n`);
    return;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${err.message}\n\n${USAGE[command]}`);
  }
  await spec.run(parsed.values, parsed.positionals);
}

main(process.argv.slice(2)).catch(fail);
