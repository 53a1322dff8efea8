// Real Chromium WebCrypto: the PWA's provision client decrypts exactly what the server side
// (sealForClient and signAnswer, the functions the server runs) produced, and the seed then lives
// as a non-extractable HMAC key whose codes match RFC 6238 output. An answer not signed by the
// bank's provisioning key (unsigned, another key, a swapped ECDH key, a replay) is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../src/core/totp.ts';
import { provisionFromBank, ProvisionError } from '../../src/provision/client.ts';
import { base64UrlDecode, base64UrlEncode, PROVISION_PATH, sealForClient } from '../../src/provision/protocol.ts';
import { importSigner, newSigningKey, signAnswer, type ProvisioningSigner } from '../../src/provision/signature.ts';

const SERIAL = 'SKTS00509641';
// RFC 6238 Appendix B SHA1 seed; at T = 59 s the 8-digit code is 94287082.
const SEED = new TextEncoder().encode('12345678901234567890');

let bankKey: ProvisioningSigner;
let otherKey: ProvisioningSigner;
beforeAll(async () => {
  bankKey = await importSigner(await newSigningKey());
  otherKey = await importSigner(await newSigningKey());
});

type Body = Record<string, unknown>;
interface BankOptions {
  signer?: ProvisioningSigner | null;
  /** Changes the answer before it is signed (an attacker who can sign) or after (one who cannot). */
  before?: (body: Body, clientKey: string) => Promise<void> | void;
  after?: (body: Body) => Promise<void> | void;
}

async function answer(clientKey: string, secret: Uint8Array, o: BankOptions = {}): Promise<Body> {
  const sealed = await sealForClient(base64UrlDecode(clientKey), secret, SERIAL);
  const body: Body = {
    serial: SERIAL, issuer: 'Demo Bank', algorithm: 'SHA1', digits: 8, period: 30,
    serverPublicKey: base64UrlEncode(sealed.serverPublicKey), salt: base64UrlEncode(sealed.salt),
    iv: base64UrlEncode(sealed.iv), ciphertext: base64UrlEncode(sealed.ciphertext),
    expiresAt: new Date(0).toISOString(),
  };
  await o.before?.(body, clientKey);
  const signer = o.signer === undefined ? bankKey : o.signer;
  const signed: Body = signer ? { ...(await signAnswer(signer, clientKey, body as never)) } : body;
  await o.after?.(signed);
  return signed;
}

/** A bank in the page: answers POST /api/provision by running the server's sealing and signing code. */
function bank(secret: Uint8Array, o: BankOptions = {}): typeof fetch {
  return async (input, init) => {
    expect(String(input)).toBe(PROVISION_PATH);
    expect(init?.method).toBe('POST');
    const { publicKey } = JSON.parse(String(init?.body)) as { publicKey: string };
    return new Response(JSON.stringify(await answer(publicKey, secret, o)), { status: 201, headers: { 'content-type': 'application/json' } });
  };
}
const trusted = () => [bankKey.publicKey];

describe('provisionFromBank in Chromium', () => {
  it('decrypts the server-side ciphertext; the secret imports as a non-extractable HMAC key', async () => {
    const spec = await provisionFromBank(bank(SEED), trusted());
    expect(spec).toMatchObject({ type: 'totp', issuer: 'Demo Bank', serial: SERIAL, algorithm: 'SHA1', digits: 8, period: 30, counter: 0 });
    expect([...spec.secret]).toEqual([...SEED]);

    const key = await crypto.subtle.importKey('raw', new Uint8Array(spec.secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    const sign = async (m: Uint8Array) => new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(m)));
    expect(await totp({ sign, timestamp: 59_000, period: 30, digits: 8 })).toBe('94287082');
  });

  it('refuses a tampered ciphertext or a ciphertext for another serial (protocol)', async () => {
    const flip = (b: Body) => {
      const c = base64UrlDecode(b.ciphertext as string);
      c[0]! ^= 1;
      b.ciphertext = base64UrlEncode(c);
    };
    // Signed as tampered (the signature holds; AES-GCM refuses) and tampered after signing.
    await expect(provisionFromBank(bank(SEED, { before: flip }), trusted())).rejects.toMatchObject({ code: 'protocol' });
    await expect(provisionFromBank(bank(SEED, { after: flip }), trusted())).rejects.toMatchObject({ code: 'protocol' });
    await expect(provisionFromBank(bank(SEED, { before: (b) => { b.serial = 'SKTS00509658'; } }), trusted())).rejects.toMatchObject({ code: 'protocol' });
    await expect(provisionFromBank(bank(SEED, { before: (b) => { b.digits = 12; } }), trusted())).rejects.toMatchObject({ code: 'protocol' });
  });

  it('refuses an unsigned answer, one signed by another key, and one with a flipped signature', async () => {
    await expect(provisionFromBank(bank(SEED, { signer: null }), trusted())).rejects.toMatchObject({ code: 'protocol' });
    await expect(provisionFromBank(bank(SEED, { signer: otherKey }), trusted())).rejects.toMatchObject({ code: 'protocol' });
    const flipSig = (b: Body) => {
      const s = base64UrlDecode(b.signature as string);
      s[10]! ^= 1;
      b.signature = base64UrlEncode(s);
    };
    await expect(provisionFromBank(bank(SEED, { after: flipSig }), trusted())).rejects.toMatchObject({ code: 'protocol' });
    // An answer signed by another key but labelled with the bank's key id.
    const relabel = (b: Body) => void (b.keyId = bankKey.keyId);
    await expect(provisionFromBank(bank(SEED, { signer: otherKey, after: relabel }), trusted())).rejects.toMatchObject({ code: 'protocol' });
    // No trusted key at all (a build without one) refuses everything.
    await expect(provisionFromBank(bank(SEED), [])).rejects.toMatchObject({ code: 'protocol' });
  });

  it('refuses an active attacker’s own ECDH key and seed, and a bank answer replayed to another phone', async () => {
    // Between phone and bank: the attacker seals a seed of their own to the phone's key, keeping the bank's signature.
    const attackerSeed = new TextEncoder().encode('attacker-chosen-seed');
    let clientKey = '';
    const swap = async (b: Body) => {
      const mine = await answer(clientKey, attackerSeed, { signer: null });
      Object.assign(b, { serverPublicKey: mine.serverPublicKey, salt: mine.salt, iv: mine.iv, ciphertext: mine.ciphertext });
    };
    const mitm: typeof fetch = async (input, init) => {
      clientKey = (JSON.parse(String(init?.body)) as { publicKey: string }).publicKey;
      return bank(SEED, { after: swap })(input, init);
    };
    await expect(provisionFromBank(mitm, trusted())).rejects.toMatchObject({ code: 'protocol' });

    // A genuine answer made for another phone's key, replayed: signed for that key, not this one.
    const other = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']) as CryptoKeyPair;
    const otherKeyB64 = base64UrlEncode(new Uint8Array(await crypto.subtle.exportKey('raw', other.publicKey)));
    const recorded = await answer(otherKeyB64, SEED);
    const replay: typeof fetch = async () => new Response(JSON.stringify(recorded), { status: 201 });
    await expect(provisionFromBank(replay, trusted())).rejects.toMatchObject({ code: 'protocol' });
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
