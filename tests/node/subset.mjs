// Shared by the data-driven Node suites (not a test file itself).
import assert from 'node:assert/strict';

/** Asserts every key `expected` lists is in `actual` with an equal value (recursively for objects). */
export function assertSubset(expected, actual, path) {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(expected)) {
      assert.ok(k in actual, `${path}.${k}: missing`);
      assertSubset(v, actual[k], `${path}.${k}`);
    }
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

/**
 * Runs `run` (a verification of vector case `c`, sync or async) and checks the outcome: `c.expect`
 * is `'ok'` (a verified event, `keyIndex` as listed, `expectEvent` as a subset) or the error code.
 * Returns the event, if any.
 */
export async function checkOutcome(c, run) {
  let event, error;
  try {
    event = await run();
  } catch (err) {
    error = err;
  }
  if (c.expect === 'ok') {
    assert.ok(event, `${c.name}: ${error?.code} ${error?.message}`);
    assert.equal(event.verified, true, c.name);
    assert.equal(event.keyIndex, c.keyIndex, c.name);
    if (c.expectEvent) assertSubset(c.expectEvent, event, c.name);
  } else {
    assert.equal(error?.code, c.expect, `${c.name}: ${error?.message}`);
    assert.equal(error.name, 'WebhookError');
  }
  return event;
}

/**
 * Verifier options naming `dialect` with `credential` (`{ publicKey }` or `{ secret }`), or, with
 * no dialect (a case that checks detection), credentials for every signed dialect, each given the
 * credential of its kind: a route receiving every provider. `dialects` is the package's `dialects()`.
 */
export function credentialOptions(dialects, dialect, { publicKey, secret }) {
  if (dialect) return { dialect, ...(publicKey !== undefined && { publicKey }), ...(secret !== undefined && { secret }) };
  const credentials = {};
  for (const d of dialects()) {
    if (d.credential === 'publicKey' && publicKey !== undefined) credentials[d.id] = { publicKey };
    if (d.credential === 'secret' && secret !== undefined) credentials[d.id] = { secret };
  }
  return { credentials };
}
