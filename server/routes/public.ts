/** Public routes: provisioning a token to a phone (POST /api/provision). */
import { Hono } from 'hono';
import { base64UrlDecode, importPeerPublicKey, sealForClient, sealedToWire, signingLabel } from '../../src/provision/protocol.ts';
import { signAnswer } from '../../src/provision/signature.ts';
import { ApiError } from '../errors.ts';
import { jsonBody, perAddress, type Deps, type Env } from '../http.ts';
import { ProvisionBody } from '../schemas.ts';

export function publicRoutes(d: Deps): Hono<Env> {
  const app = new Hono<Env>();
  const { issuer } = d;

  app.post('/provision', async (c) => {
    const b = await jsonBody(c, ProvisionBody);
    let publicKey: Uint8Array;
    try {
      publicKey = base64UrlDecode(b.publicKey);
    } catch {
      throw new ApiError('invalid-body');
    }
    // Check the key before counting or making a token, so a bad request leaves nothing behind.
    try {
      await importPeerPublicKey(publicKey);
    } catch {
      throw new ApiError('invalid-body');
    }
    const address = await perAddress(d, c, 'provision', d.provisionLimit);
    const t = await issuer.provision(d.now(), 'public', address);
    const sealed = await sealForClient(publicKey, t.secret, t.serial);
    t.secret.fill(0);
    // The token's separate signing key, sealed the same way under its own label (docs/api.md).
    const key = d.transactions ? await d.transactions.issueSigningKey(t.serial) : undefined;
    const signing = key ? await sealForClient(publicKey, key.secret, signingLabel(t.serial)) : undefined;
    key?.secret.fill(0);
    // Signed with the bank's provisioning key over the phone's own key: the app refuses anything else.
    return c.json(await signAnswer(await d.provisioningKey, b.publicKey, {
      serial: t.serial, issuer: t.issuer, algorithm: t.algorithm, digits: t.digits, period: t.period,
      ...sealedToWire(sealed),
      expiresAt: new Date(t.expiresAt).toISOString(),
      ...(key && signing ? { signing: { suite: key.suite, ...sealedToWire(signing) } } : {}),
    }), 201);
  });

  return app;
}
