// The provisioning signing key as the service and the build configure it: the demo key file is
// made once and shared by both; PROVISIONING_SIGNING_KEY and PROVISIONING_PUBLIC_KEYS win over
// it; an answer the service signs verifies under exactly the keys the build embeds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledPublicKeys, provisioningSigner } from '../../../server/provisioning-key.ts';
import { signAnswer, verifyAnswer, type UnsignedAnswer } from '../../../src/provision/signature.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prov-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ANSWER: UnsignedAnswer = {
  serial: 'SKTS00509641', issuer: 'Demo Bank', algorithm: 'SHA1', digits: 6, period: 30,
  serverPublicKey: 'BA', salt: 'AA', iv: 'AA', ciphertext: 'AA', expiresAt: new Date(0).toISOString(),
};

describe('provisioning signing key', () => {
  it('the demo key is generated once into its file (mode 600) and the build embeds its public half', async () => {
    const env = { PROVISIONING_KEY_FILE: path.join(dir, 'demo.pkcs8') };
    const signer = await provisioningSigner(env);
    expect(signer.demoFile).toBe(env.PROVISIONING_KEY_FILE);
    expect(fs.statSync(env.PROVISIONING_KEY_FILE).mode & 0o777).toBe(0o600);
    expect((await provisioningSigner(env)).publicKey).toBe(signer.publicKey);
    expect(await bundledPublicKeys(env)).toEqual([signer.publicKey]);
    const signed = await signAnswer(signer, 'client-key', ANSWER);
    expect(await verifyAnswer(await bundledPublicKeys(env), 'client-key', signed)).toBe(true);
    expect(await verifyAnswer(await bundledPublicKeys(env), 'another-client', signed)).toBe(false);
    expect(await verifyAnswer(await bundledPublicKeys(env), 'client-key', { ...signed, serial: 'SKTS00509658' })).toBe(false);
  });

  it('PROVISIONING_SIGNING_KEY (base64 PKCS#8) is used instead, and no file is made', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const env = { PROVISIONING_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'), PROVISIONING_KEY_FILE: path.join(dir, 'unused.pkcs8') };
    const signer = await provisioningSigner(env);
    expect(signer.demoFile).toBeUndefined();
    expect(fs.existsSync(env.PROVISIONING_KEY_FILE)).toBe(false);
    const jwk = privateKey.export({ format: 'jwk' });
    expect(signer.publicKey).toBe(Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]).toString('base64url'));
    // The build of a production bundle lists the keys it trusts; a rotation lists old and new.
    const next = await provisioningSigner({ PROVISIONING_KEY_FILE: path.join(dir, 'next.pkcs8') });
    const listed = { PROVISIONING_PUBLIC_KEYS: `${signer.publicKey}, ${next.publicKey}` };
    expect(await bundledPublicKeys(listed)).toEqual([signer.publicKey, next.publicKey]);
    for (const s of [signer, next]) expect(await verifyAnswer(await bundledPublicKeys(listed), 'k', await signAnswer(s, 'k', ANSWER))).toBe(true);
  });

  it('a malformed key is refused with a message that names it', async () => {
    await expect(provisioningSigner({ PROVISIONING_SIGNING_KEY: 'bm90IGEga2V5' })).rejects.toThrow(/PROVISIONING_SIGNING_KEY/);
    const bad = path.join(dir, 'bad.pkcs8');
    fs.writeFileSync(bad, Buffer.alloc(80, 1).toString('base64'));
    await expect(provisioningSigner({ PROVISIONING_KEY_FILE: bad })).rejects.toThrow(/bad\.pkcs8/);
  });
});
