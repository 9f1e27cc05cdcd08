// The demo page in headless Chromium (Debian's, driven by playwright-core), served from localhost
// with the built package: the self-check must pass, a page-signed event must verify, a tampered
// one must be rejected, and a Java-signed vector pasted in must verify. Screenshots land in
// tests/.work/screenshots/ for review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const cardhook = createRequire(import.meta.url)('../../pkg/index.cjs');
const shots = new URL('../.work/screenshots/', import.meta.url);
mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let server, url, browser;

before(async () => {
  ({ server, url } = await startServer({ port: 0 }));
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage(viewport) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  await page.waitForFunction(() => !document.getElementById('selfcheck').textContent.startsWith('running'), null, { timeout: 20000 });
  return { page, errors };
}

test('the page self-check passes in Chromium', async () => {
  const { page, errors } = await openPage({ width: 1280, height: 900 });
  const text = await page.textContent('#selfcheck');
  assert.ok(text.startsWith('ok'), text);
  assert.deepEqual(errors, []);
  await page.close();
});

test('generate-and-sign verifies; tampering is rejected with SIGNATURE_MISMATCH', async () => {
  const { page } = await openPage({ width: 1280, height: 1000 });
  await page.click('#generate');
  await page.waitForFunction(() => document.getElementById('status').classList.contains('verified'));
  assert.match(await page.textContent('#status'), /Verified — onerway · transactionEvent/);
  assert.match(await page.textContent('#event'), /"50.00"/);
  assert.match(await page.textContent('#canonicalOut'), /"transactionAmount":"50.00"/);
  await page.screenshot({ path: new URL('verified.png', shots).pathname, fullPage: true });

  await page.click('#tamper');
  await page.waitForFunction(() => document.getElementById('status').classList.contains('rejected'));
  assert.match(await page.textContent('#error'), /^SIGNATURE_MISMATCH: /);
  await page.screenshot({ path: new URL('tampered.png', shots).pathname, fullPage: true });
  await page.close();
});

test('every other signed dialect: a page-signed sample verifies, a tampered one is rejected', async () => {
  const { page } = await openPage({ width: 1280, height: 1000 });
  const offered = await page.$$eval('#signDialect option', (options) => options.map((o) => o.value));
  // The registry's signed dialects, read from the package: a new one is offered and tried here.
  const signed = cardhook.dialects().filter((d) => d.signed).map((d) => d.id);
  assert.deepEqual([...offered].sort(), [...signed].sort());
  for (const dialect of signed.filter((d) => d !== 'onerway')) {
    await page.selectOption('#signDialect', dialect);
    await page.click('#generate');
    await page.waitForFunction(() => document.getElementById('status').classList.contains('verified'));
    assert.match(await page.textContent('#status'), new RegExp(`Verified — ${dialect} `));
    if (dialect === 'onerway-v2') await page.screenshot({ path: new URL('verified-hmac.png', shots).pathname, fullPage: true });
    await page.click('#tamper');
    await page.waitForFunction(() => document.getElementById('status').classList.contains('rejected'));
    assert.match(await page.textContent('#error'), /^SIGNATURE_MISMATCH: /, dialect);
  }
  await page.close();
});

/** The page's body and headers, as the page parses them. */
async function pageRequest(page) {
  const body = await page.inputValue('#body');
  const headers = Object.fromEntries((await page.inputValue('#headers')).split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
  return { body, headers };
}

/** The event view's top-level properties flagged as unsigned, sorted. */
const flagged = (page) => page.$$eval('#event [data-unsigned]', (els) => els.map((e) => e.dataset.unsigned).sort());

test("the signed-string panel shows the chosen dialect's signed input, also when a push is rejected; unsigned properties are flagged", async () => {
  const { page } = await openPage({ width: 1280, height: 1000 });
  let flags = 0;
  for (const dialect of cardhook.dialects().filter((d) => d.signed)) {
    await page.selectOption('#signDialect', dialect.id);
    await page.click('#generate');
    await page.waitForFunction(() => document.getElementById('status').classList.contains('verified'));
    const credential = dialect.credential === 'publicKey' ? { publicKey: await page.inputValue('#publicKey') } : { secret: await page.inputValue('#secret') };
    const signed = await pageRequest(page);
    const event = cardhook.verify(signed.body, { dialect: dialect.id, headers: signed.headers, ...credential });
    assert.deepEqual(await flagged(page), [...event.unsigned].sort(), `${dialect.id}: flagged properties`);
    flags += event.unsigned.length;
    await page.click('#tamper');
    await page.waitForFunction(() => document.getElementById('status').classList.contains('rejected'));
    const tampered = await pageRequest(page);
    const expected = cardhook.canonicalize(tampered.body, { dialect: dialect.id, headers: tampered.headers });
    const shown = await page.textContent('#canonicalOut');
    assert.ok(shown.includes(expected), `${dialect.id}: the panel shows\n${shown}\nnot what ${dialect.id} signs:\n${expected}`);
    assert.ok(shown.includes(`(${dialect.id})`), `${dialect.id}: the panel names the dialect: ${shown}`);
  }
  // An unverified event: every content property is unsigned, and flagged.
  const unsigned = cardhook.dialects().find((d) => !d.signed).id;
  await page.click(`[data-sample="${unsigned}"]`);
  await page.waitForFunction(() => document.getElementById('status').classList.contains('decoded'));
  const sample = await pageRequest(page);
  const decoded = cardhook.decode(sample.body, { headers: sample.headers });
  assert.deepEqual(await flagged(page), [...decoded.unsigned].sort());
  assert.ok((await page.textContent('#canonicalOut')).includes(`${unsigned} pushes are unsigned`));
  flags += decoded.unsigned.length;
  assert.ok(flags > 0, 'no property was flagged');
  await page.screenshot({ path: new URL('unsigned-flags.png', shots).pathname, fullPage: true });
  await page.close();
});

test('a Java-signed vector pasted in verifies; samples decode; phone width renders', async () => {
  const vectors = JSON.parse(readFileSync(new URL('../vectors/onerway-rsa.json', import.meta.url), 'utf8'));
  const c = vectors.cases.find((v) => v.name === 'card-operate-record/rsa2048/values/hex');
  const { page } = await openPage({ width: 390, height: 844 });
  await page.fill('#body', c.body);
  await page.fill('#publicKey', vectors.keys.rsa2048.publicKeyPem);
  await page.selectOption('#canonical', 'values');
  // A key verifies only the dialect it is named for: auto-detect is refused, saying so.
  await page.click('#run');
  await page.waitForFunction(() => !document.getElementById('error').hidden);
  assert.match(await page.textContent('#error'), /^INVALID_OPTION: .*name the dialect/);
  await page.selectOption('#dialect', 'onerway');
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('status').classList.contains('verified'));
  assert.match(await page.textContent('#status'), /id 200001:SUCCESS/);
  await page.screenshot({ path: new URL('phone-verified.png', shots).pathname, fullPage: true });

  await page.click('[data-sample="nobepay"]');
  await page.waitForFunction(() => document.getElementById('status').classList.contains('decoded'));
  assert.match(await page.textContent('#event'), /"-19.92"/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: new URL('phone-nobepay.png', shots).pathname, fullPage: true });
  await page.close();
});
