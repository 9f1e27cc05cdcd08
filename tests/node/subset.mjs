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
