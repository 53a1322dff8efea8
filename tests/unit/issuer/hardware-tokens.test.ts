// Hardware tokens at the bank: PSKC import (RFC 6030 figures and vendor-like files), step ⑧ with an
// event token's first code, look-ahead, replay, a 60-second time token, resync and validity.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { PskcError } from '../../../src/issuer/pskc/index.ts';
import { ADMIN, makeIssuer, PIN } from './fixture.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { T0 } from './time-steps.ts';
import { hex, writePskc } from './pskc-writer.ts';

vi.setConfig({ testTimeout: 60_000 }); // scrypt PIN checks on a shared machine
const FIGURE_6 = readFileSync(new URL('../../fixtures/pskc/rfc6030-figure6.xml', import.meta.url), 'utf8');
const FIGURE_7 = readFileSync(new URL('../../fixtures/pskc/rfc6030-figure7.xml', import.meta.url), 'utf8');
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
const OPERATOR = 'operator:olga';
const hotp8 = (counter: number) => referenceHotp(RFC_SECRET, counter, { digits: 8 });

async function withUser(userId = 'taro') {
  const issuer = await makeIssuer();
  await issuer.createUser('acme', userId, T0, ADMIN);
  return issuer;
}
type TestIssuer = Awaited<ReturnType<typeof withUser>>;
const register = (issuer: TestIssuer, serial: string, code: string, now = T0, userId = 'taro') =>
  issuer.register({ companyId: 'acme', userId, serial, code, pin: PIN }, now, ADMIN);
const verify = (issuer: TestIssuer, code: string, now = T0, userId = 'taro') => issuer.verify({ companyId: 'acme', userId, code }, now);

describe('an imported event (HOTP) token', () => {
  it('RFC 6030 figure 6 imports, registers with its first code, verifies the next, refuses a reused one, accepts one a few presses ahead', async () => {
    const issuer = await withUser();
    expect(await issuer.importPskc(FIGURE_6, { key: hex('12345678901234567890123456789012') }, T0, OPERATOR)).toEqual({ imported: 1, rejected: [] });
    // RFC 4226 Appendix D in 8 digits: counter 0 → 84755224, 1 → 94287082, …
    expect(hotp8(0)).toBe('84755224');
    await register(issuer, '987654321', hotp8(0));
    expect(await verify(issuer, hotp8(1))).toBe('ok');
    expect(await verify(issuer, hotp8(1))).toBe('refused'); // used once
    expect(await verify(issuer, hotp8(0))).toBe('refused'); // the registration code
    expect(await verify(issuer, hotp8(5))).toBe('ok'); // three presses skipped
    expect(await verify(issuer, hotp8(4))).toBe('refused'); // behind the last accepted
    expect(await verify(issuer, hotp8(6))).toBe('ok');
    // Not time-based: the same counter's code is refused an hour later, the next one works.
    expect(await verify(issuer, hotp8(6), T0 + 3_600_000)).toBe('refused');
    expect(await verify(issuer, hotp8(7), T0 + 3_600_000)).toBe('ok');
  });

  it('RFC 6030 figure 7 (password "qwerty") imports the same secret', async () => {
    const issuer = await withUser();
    expect((await issuer.importPskc(FIGURE_7, { password: 'qwerty' }, T0, OPERATOR)).imported).toBe(1);
    await register(issuer, '987654321', hotp8(0));
    expect(await verify(issuer, hotp8(1))).toBe('ok');
  });

  it('a token whose vendor counter is 40 registers a few presses on and looks ahead 10 presses', async () => {
    const issuer = await withUser();
    const secret = new Uint8Array(randomBytes(20));
    const { xml, key } = writePskc({ cipher: 'aes256-cbc', keys: [{ serial: 'FT00000040', secret, digits: 6, counter: 40 }] });
    await issuer.importPskc(xml, { key: key! }, T0, OPERATOR);
    await expect(register(issuer, 'FT00000040', referenceHotp(secret, 39))).rejects.toMatchObject({ code: 'bad-code' });
    await register(issuer, 'FT00000040', referenceHotp(secret, 42)); // pressed twice before
    expect(await verify(issuer, referenceHotp(secret, 52))).toBe('ok'); // 43 … 51 skipped: the 10th press ahead
    expect(await verify(issuer, referenceHotp(secret, 63))).toBe('refused'); // the 11th
  });

  it('resync from two consecutive codes brings back a token 50 presses ahead, audited', async () => {
    const issuer = await withUser();
    await issuer.importPskc(FIGURE_6, { key: hex('12345678901234567890123456789012') }, T0, OPERATOR);
    await register(issuer, '987654321', hotp8(0));
    const ahead = 1 + 50;
    expect(await verify(issuer, hotp8(ahead))).toBe('refused');
    await expect(issuer.resync('987654321', [hotp8(ahead + 1), hotp8(ahead + 3)], T0, OPERATOR)).rejects.toMatchObject({ code: 'resync-failed' });
    expect(await issuer.resync('987654321', [hotp8(ahead + 1), hotp8(ahead + 2)], T0, OPERATOR)).toEqual({ serial: '987654321', type: 'hotp', status: 'active', drift: 0 });
    expect(await verify(issuer, hotp8(ahead + 2))).toBe('refused'); // the resync's codes are used
    expect(await verify(issuer, hotp8(ahead + 3))).toBe('ok');
    const log = await issuer.listAudit(undefined);
    expect(log.filter((e) => e.action === 'resync').map((e) => e.outcome)).toEqual(['ok', 'resync-failed']);
  });
});

describe('an imported time (TOTP) token', () => {
  it('a 60-second token registers with its code and verifies the next step', async () => {
    const issuer = await withUser();
    const secret = new Uint8Array(randomBytes(20));
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: [{ serial: 'TOTP60SEC1', type: 'totp', secret, interval: 60, digits: 6 }] });
    await issuer.importPskc(xml, { key: key! }, T0, OPERATOR);
    const step = (at: number) => Math.floor(at / 60_000);
    // A 30-second code of the same secret is not this token's.
    await expect(register(issuer, 'TOTP60SEC1', referenceHotp(secret, Math.floor(T0 / 30_000)))).rejects.toMatchObject({ code: 'bad-code' });
    await register(issuer, 'TOTP60SEC1', referenceHotp(secret, step(T0)));
    expect(await verify(issuer, referenceHotp(secret, step(T0)), T0 + 10_000)).toBe('refused'); // same step
    expect(await verify(issuer, referenceHotp(secret, step(T0 + 60_000)), T0 + 60_000)).toBe('ok');
  });

  it('resync brings back a token whose clock is 8 minutes fast', async () => {
    const issuer = await withUser();
    const secret = new Uint8Array(randomBytes(32)); // key wrap takes whole 8-byte blocks
    const { xml, key } = writePskc({ cipher: 'kw-aes128', keys: [{ serial: 'TOTPDRIFT1', type: 'totp', secret }] });
    await issuer.importPskc(xml, { key: key! }, T0, OPERATOR);
    const s = (at: number) => Math.floor(at / 30_000);
    await register(issuer, 'TOTPDRIFT1', referenceHotp(secret, s(T0)));
    const later = T0 + 3_600_000;
    const fast = s(later) + 16;
    expect(await verify(issuer, referenceHotp(secret, fast), later)).toBe('refused');
    expect(await issuer.resync('TOTPDRIFT1', [referenceHotp(secret, fast - 1), referenceHotp(secret, fast)], later, OPERATOR))
      .toMatchObject({ type: 'totp', drift: 16 });
    // The next code of the fast clock, 30 s later, is found around the remembered drift.
    expect(await verify(issuer, referenceHotp(secret, fast + 1), later + 30_000)).toBe('ok');
  });

  it('a vendor TimeDrift is where the search starts', async () => {
    const issuer = await withUser();
    const secret = new Uint8Array(randomBytes(20));
    const { xml } = writePskc({ keys: [{ serial: 'TOTPVDRFT1', type: 'totp', secret, drift: 3 }] });
    await issuer.importPskc(xml, {}, T0, OPERATOR);
    await register(issuer, 'TOTPVDRFT1', referenceHotp(secret, Math.floor(T0 / 30_000) + 3));
  });
});

describe('refusals and validity', () => {
  it('a file whose ValueMAC was changed imports nothing, and the refusal is audited', async () => {
    const issuer = await withUser();
    const good = new Uint8Array(randomBytes(20));
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: [{ serial: 'GOODKEY001', secret: good }, { serial: 'GOODKEY002', secret: good }] });
    const macs = [...xml.matchAll(/<ValueMAC>([^<]+)</g)].map((m) => m[1]!);
    const changed = xml.replace(macs[1]!, (macs[1]![0] === 'A' ? 'B' : 'A') + macs[1]!.slice(1));
    const error = await issuer.importPskc(changed, { key: key! }, T0, OPERATOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PskcError);
    expect((error as PskcError).code).toBe('bad-mac');
    await expect(register(issuer, 'GOODKEY001', referenceHotp(good, 0))).rejects.toMatchObject({ code: 'unknown-serial' });
    expect((await issuer.listAudit(undefined)).find((e) => e.action === 'import')).toMatchObject({ outcome: 'pskc-bad-mac' });
  });

  it('a serial already in stock is reported as a duplicate; the others import', async () => {
    const issuer = await withUser();
    const first = writePskc({ keys: [{ serial: 'STOCK00001', secret: new Uint8Array(randomBytes(20)) }] });
    await issuer.importPskc(first.xml, {}, T0, OPERATOR);
    const second = writePskc({ keys: [{ serial: 'STOCK00002', secret: new Uint8Array(randomBytes(20)) }, { serial: 'STOCK00001', secret: new Uint8Array(randomBytes(20)) }] });
    expect(await issuer.importPskc(second.xml, {}, T0, OPERATOR)).toEqual({ imported: 1, rejected: [{ key: 2, serial: 'STOCK00001', reason: 'duplicate' }] });
  });

  it('a key past its ExpiryDate registers no more and verifies no more', async () => {
    const issuer = await withUser();
    const secret = new Uint8Array(randomBytes(20));
    const expiry = new Date(T0 + 86_400_000).toISOString();
    const { xml } = writePskc({ keys: [{ serial: 'EXPIRY0001', secret, expiryDate: expiry }, { serial: 'EXPIRY0002', secret, expiryDate: expiry }] });
    await issuer.importPskc(xml, {}, T0, OPERATOR);
    await register(issuer, 'EXPIRY0001', referenceHotp(secret, 0));
    expect(await verify(issuer, referenceHotp(secret, 1), T0 + 3_600_000)).toBe('ok');
    expect(await verify(issuer, referenceHotp(secret, 2), T0 + 86_400_000)).toBe('refused');
    await issuer.createUser('acme', 'hanako', T0, ADMIN);
    await expect(register(issuer, 'EXPIRY0002', referenceHotp(secret, 0), T0 + 86_400_000, 'hanako')).rejects.toMatchObject({ code: 'token-expired' });
  });

  it('a suspended or unknown token is not resynchronised', async () => {
    const issuer = await withUser();
    await issuer.importPskc(FIGURE_6, { key: hex('12345678901234567890123456789012') }, T0, OPERATOR);
    await register(issuer, '987654321', hotp8(0));
    await issuer.suspend('acme', 'taro', T0, OPERATOR);
    await expect(issuer.resync('987654321', [hotp8(3), hotp8(4)], T0, OPERATOR)).rejects.toMatchObject({ code: 'invalid-state' });
    await expect(issuer.resync('NOSUCH0001', [hotp8(3), hotp8(4)], T0, OPERATOR)).rejects.toMatchObject({ code: 'unknown-serial' });
  });
});
