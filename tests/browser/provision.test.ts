// Real Chromium WebCrypto: the PWA's provision client decrypts exactly what the server side
// (sealForClient, the same function the server runs) encrypted, and the seed then lives as a
// non-extractable HMAC key whose codes match RFC 6238 output.
import { describe, expect, it } from 'vitest';
import { totp } from '../../src/core/totp.ts';
import { provisionFromBank, ProvisionError } from '../../src/provision/client.ts';
import { base64UrlDecode, base64UrlEncode, PROVISION_PATH, sealForClient } from '../../src/provision/protocol.ts';

const SERIAL = 'SKTS00509641';
// RFC 6238 Appendix B SHA1 seed; at T = 59 s the 8-digit code is 94287082.
const SEED = new TextEncoder().encode('12345678901234567890');

/** A bank in the page: answers POST /api/provision by running the server's sealing code. */
function bank(secret: Uint8Array, tamper?: (body: Record<string, unknown>) => void): typeof fetch {
  return async (input, init) => {
    expect(String(input)).toBe(PROVISION_PATH);
    expect(init?.method).toBe('POST');
    const { publicKey } = JSON.parse(String(init?.body)) as { publicKey: string };
    const sealed = await sealForClient(base64UrlDecode(publicKey), secret, SERIAL);
    const body: Record<string, unknown> = {
      serial: SERIAL, issuer: 'Demo Bank', algorithm: 'SHA1', digits: 8, period: 30,
      serverPublicKey: base64UrlEncode(sealed.serverPublicKey), salt: base64UrlEncode(sealed.salt),
      iv: base64UrlEncode(sealed.iv), ciphertext: base64UrlEncode(sealed.ciphertext),
      expiresAt: new Date(0).toISOString(),
    };
    tamper?.(body);
    return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } });
  };
}

describe('provisionFromBank in Chromium', () => {
  it('decrypts the server-side ciphertext; the secret imports as a non-extractable HMAC key', async () => {
    const spec = await provisionFromBank(bank(SEED));
    expect(spec).toMatchObject({ type: 'totp', issuer: 'Demo Bank', serial: SERIAL, algorithm: 'SHA1', digits: 8, period: 30, counter: 0 });
    expect([...spec.secret]).toEqual([...SEED]);

    const key = await crypto.subtle.importKey('raw', new Uint8Array(spec.secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    const sign = async (m: Uint8Array) => new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(m)));
    expect(await totp({ sign, timestamp: 59_000, period: 30, digits: 8 })).toBe('94287082');
  });

  it('refuses a tampered ciphertext or a ciphertext for another serial (protocol)', async () => {
    const flip = (b: Record<string, unknown>) => {
      const c = base64UrlDecode(b.ciphertext as string);
      c[0]! ^= 1;
      b.ciphertext = base64UrlEncode(c);
    };
    await expect(provisionFromBank(bank(SEED, flip))).rejects.toMatchObject({ code: 'protocol' });
    await expect(provisionFromBank(bank(SEED, (b) => { b.serial = 'SKTS00509658'; }))).rejects.toMatchObject({ code: 'protocol' });
    await expect(provisionFromBank(bank(SEED, (b) => { b.digits = 12; }))).rejects.toMatchObject({ code: 'protocol' });
  });

  it('maps failures to offline, rate-limited and server', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const status = (s: number, headers: Record<string, string> = {}): typeof fetch => async () => new Response('{}', { status: s, headers });
    await expect(provisionFromBank(offline)).rejects.toMatchObject({ code: 'offline' });
    const limited = await provisionFromBank(status(429, { 'retry-after': '42' })).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ProvisionError);
    expect(limited).toMatchObject({ code: 'rate-limited', retryAfter: 42 });
    await expect(provisionFromBank(status(500))).rejects.toMatchObject({ code: 'server' });
    await expect(provisionFromBank(async () => new Response('not json', { status: 201 }))).rejects.toMatchObject({ code: 'protocol' });
  });
});
