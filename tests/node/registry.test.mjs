// The registry through the package, as docs/adding-a-dialect.md promises it: every dialect that
// `dialects()` lists has a sample per typed event (`samples()`), and each sample, signed as the
// provider would for a signed dialect, reads back as that event. Nothing here names a dialect: a
// new one is walked as soon as it is registered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cardhook from '../../pkg/testing-node.mjs';

test('every registered dialect has a sample per typed event, and each reads back as that event', async () => {
  const { publicKey, privateKey } = await cardhook.generateTestKeyPair();
  const secret = 'whk_test_registry';
  const samples = cardhook.samples();
  let checked = 0;
  for (const dialect of cardhook.dialects()) {
    const types = samples.filter((s) => s.dialect === dialect.id).map((s) => s.type);
    assert.ok(types.length > 0, `${dialect.id}: no typed event to sample`);
    for (const type of types) {
      const payload = cardhook.sample(dialect.id, type);
      let event;
      if (dialect.signed) {
        const rsa = dialect.credential === 'publicKey';
        const request = cardhook.signRequest(dialect.id, payload, { ...(rsa ? { privateKey } : { secret }), eventType: type });
        event = cardhook.verify(request.body, { dialect: dialect.id, headers: request.headers, ...(rsa ? { publicKey } : { secret }) });
        assert.equal(event.verified, true, `${dialect.id} ${type}`);
      } else {
        event = cardhook.decode(payload, { dialect: dialect.id });
      }
      assert.equal(event.dialect, dialect.id);
      assert.equal(event.type, type, `${dialect.id}: the sample of ${type}`);
      checked++;
    }
  }
  assert.equal(checked, samples.length, 'every sample belongs to a registered dialect');
});
