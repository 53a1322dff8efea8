// The core flows in WebKit (the engine of every iPhone browser), through Debian's WebKitGTK:
// enroll by URI with codes equal to an independent reference, reload keeps the tokens, a token
// from the bank, the app lock on and off, and the message of a browser below the floor.
// One browser session for all, in order; the bank service boots meanwhile.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { digitsOnly, otpauthUri, randomSecret, referenceTotp } from '../e2e/reference.ts';
import { serveBuild, serveBuildWithoutSubtle, startBank, type Served } from './servers.ts';
import { startWebKit, type WebKit } from './webkit-browser.ts';

let webkit: WebKit;
let app: Served;
let belowFloor: Served;
let bank: Promise<Served>;
const PIN = '482916';

const tid = (id: string) => webkit.browser.$(`[data-testid="${id}"]`);
const count = async (id: string) => (await webkit.browser.$$(`[data-testid="${id}"]`)).length;
/** Until `n` elements with the hook show (a list renders after the screen that leads to it is gone). */
const expectCount = (id: string, n: number) =>
  webkit.browser.waitUntil(async () => (await count(id)) === n, { timeout: 20_000, interval: 100, timeoutMsg: `never ${n} × ${id}` });

before(async () => {
  bank = startBank();
  bank.catch(() => {}); // awaited by its test
  [webkit, app, belowFloor] = await Promise.all([startWebKit(), serveBuild(), serveBuildWithoutSubtle()]);
});

after(async () => {
  await webkit?.stop();
  await Promise.all([app?.close(), belowFloor?.close(), bank?.then((b) => b.close(), () => {})]);
});

/** Waits until the n-th token shows the reference code for the page's own Date.now(). */
async function expectReferenceCode(index: number, secret: Uint8Array, options: { digits?: number; algorithm?: string } = {}) {
  let last = '';
  await webkit.browser.waitUntil(
    async () => {
      const [text, now] = await webkit.browser.execute((i: number) => {
        const code = document.querySelectorAll('[data-testid="token"]')[i]?.querySelector('[data-testid="code"]');
        return [code?.textContent ?? '', Date.now()] as const;
      }, index);
      last = `${digitsOnly(text)} at ${now}, reference ${referenceTotp(secret, now, options)}`;
      return digitsOnly(text) === referenceTotp(secret, now, options);
    },
    { timeout: 20_000, interval: 200, timeoutMsg: `token ${index} never showed the reference code (${last})` },
  );
}

async function enrollByUri(uri: string) {
  await tid('add-token').click();
  await tid('uri-input').setValue(uri);
  await tid('uri-submit').click();
  await tid('enroll-confirm').click();
  await tid('uri-input').waitForExist({ reverse: true, timeout: 20_000 });
}

async function openSettings() {
  await tid('menu').click();
  await tid('settings').click();
  await tid('lock-settings').waitForDisplayed({ timeout: 10_000 });
}

async function unlock(pin: string) {
  await tid('unlock-pin').setValue(pin);
  await tid('unlock-submit').click();
}

const bankSecret = randomSecret();
const sha256Secret = randomSecret(32);

test('enroll by URI: the codes equal the reference (SHA-1 6 digits, SHA-256 8 digits)', async () => {
  await webkit.browser.url(`${app.url}/`);
  // The first page of a fresh MiniBrowser on a busy machine can take a while.
  await tid('add-token').waitForDisplayed({ timeout: 60_000 });
  await enrollByUri(otpauthUri({ secret: bankSecret, issuer: 'Shinkin Bank', label: 'taro', serial: 'SKTS00509641' }));
  await enrollByUri(otpauthUri({ secret: sha256Secret, issuer: 'Other', label: 'hanako', extra: '&algorithm=SHA256&digits=8' }));
  await expectCount('token', 2);
  await expectReferenceCode(0, bankSecret);
  await expectReferenceCode(1, sha256Secret, { digits: 8, algorithm: 'sha256' });
});

test('a reload keeps the tokens (non-extractable keys in IndexedDB) and their codes', async () => {
  await webkit.browser.refresh();
  await tid('token').waitForDisplayed({ timeout: 20_000 });
  await expectCount('token', 2);
  await expectReferenceCode(0, bankSecret);
  await expectReferenceCode(1, sha256Secret, { digits: 8, algorithm: 'sha256' });
});

test('app lock: PIN on, lock now, unlock, reload starts locked, lock off', async () => {
  await openSettings();
  await tid('lock-setup').click();
  await tid('lock-pin').setValue(PIN);
  await tid('lock-pin-confirm').setValue(PIN);
  await tid('lock-submit').click();
  await webkit.browser.$('[data-testid="lock-settings"] [role="status"]').waitForDisplayed({ timeout: 60_000 });

  await webkit.browser.$('button*=←').click();
  await tid('menu').click();
  await tid('lock-now').click();
  await tid('lock-screen').waitForDisplayed({ timeout: 10_000 });
  assert.equal(await count('token'), 0);
  await unlock(PIN);
  await tid('token').waitForDisplayed({ timeout: 60_000 });
  await expectReferenceCode(0, bankSecret);

  await webkit.browser.refresh();
  await tid('lock-screen').waitForDisplayed({ timeout: 20_000 });
  assert.equal(await count('token'), 0);
  await unlock(PIN);
  await tid('token').waitForDisplayed({ timeout: 60_000 });
  await expectReferenceCode(1, sha256Secret, { digits: 8, algorithm: 'sha256' });

  await openSettings();
  await tid('lock-off').click();
  await unlock(PIN);
  await tid('lock-now').waitForExist({ reverse: true, timeout: 60_000 });
  await webkit.browser.url(`${app.url}/`);
  await tid('token').waitForDisplayed({ timeout: 20_000 });
  assert.equal(await count('lock-screen'), 0);
  await expectReferenceCode(0, bankSecret);
});

test('below the floor (no crypto.subtle): the bilingual message, no IndexedDB, no service worker', async () => {
  await webkit.browser.url(`${belowFloor.url}/`);
  const message = tid('unsupported-browser');
  await message.waitForDisplayed({ timeout: 20_000 });
  const text = await message.getText();
  assert.match(text, /このブラウザーではソフトウェアトークンを使えません/);
  assert.match(text, /iOS \/ iPadOS 15\.4 or later/);
  assert.equal(await message.getAttribute('data-missing'), 'crypto.subtle');
  await webkit.browser.$('[data-testid="unsupported-contact"]').waitForDisplayed({ timeout: 10_000 });
  assert.equal(await count('add-token'), 0);
  await webkit.browser.pause(1500); // the app, had it started, would have registered and opened by now
  const stored = await webkit.browser.execute(async () => ({
    databases: (await indexedDB.databases()).length,
    registrations: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
  assert.deepEqual(stored, { databases: 0, registrations: 0 });
});

test('a token from the bank (provisioning): serial and code shown', async () => {
  const service = await bank;
  await webkit.browser.url(`${service.url}/`);
  await tid('add-token').waitForDisplayed({ timeout: 30_000 });
  await tid('add-token').click();
  await tid('provision').click();
  const confirm = tid('enroll-confirm');
  await webkit.browser.waitUntil(async () => (await confirm.isExisting()) || (await count('token')) > 0, { timeout: 30_000 });
  if (await confirm.isExisting()) await confirm.click();
  await tid('token').waitForDisplayed({ timeout: 30_000 });
  assert.match(digitsOnly(await webkit.browser.$('[data-testid="token"] [data-testid="code"]').getText()), /^\d{6}$/);
  await tid('menu').click();
  await tid('display-mode').click();
  assert.match((await tid('serial').getText()).replace(/\s/g, ''), /^[A-Z0-9]{8,32}$/);
});
