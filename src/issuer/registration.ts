/**
 * Step ⑧: bind a serial to a user after checking the confirmation PIN and the code now shown.
 * When the user already has a token this is the exchange: the old token is retired in the same
 * transaction. In shared mode the token becomes every user's.
 */
import { LIMITS, normalizeSerial, PATTERNS } from '../core/limits.ts';
import { companyIn, type IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { next } from './lifecycle.ts';
import { TOKEN_TYPES, typeOf } from './token-types.ts';

export interface Registration {
  companyId: string;
  userId: string;
  serial: string;
  code: string;
  pin: string;
}

export async function register(ctx: IssuerContext, a: Registration, now: number, actor: string): Promise<{ serial: string; replaced: string | null }> {
  const { store, settings, verifier, audit } = ctx;
  const serial = normalizeSerial(a.serial);
  const target = `${a.companyId}/${a.userId} ${serial.slice(0, LIMITS.serialLength)}`;
  let result: { serial: string; replaced: string | null };
  try {
    result = await store.transaction(async (tx) => {
      const company = await companyIn(tx, a.companyId);
      // The PIN first: without it, nothing about the serial is revealed.
      if (!PATTERNS.confirmationPin.test(a.pin) || !(await ctx.pinHasher.verify(a.pin, company.pinHash))) throw new IssuerError('bad-pin');
      const user = await tx.getUser(a.companyId, a.userId);
      if (!user) throw new IssuerError('unknown-user');
      const token = await tx.getToken(serial);
      if (!token) throw new IssuerError('unknown-serial');
      const current = company.usageMode === 'shared' ? company.sharedSerial : user.serial;
      if (current === serial) throw new IssuerError('already-registered');
      if (token.status === 'retired') throw new IssuerError('token-retired');
      if (token.status !== 'unassigned') throw new IssuerError('serial-in-use');
      if (token.companyId !== null && token.companyId !== a.companyId) throw new IssuerError('serial-in-use');
      if (token.reservedFor !== null && token.reservedFor !== a.userId) throw new IssuerError('serial-in-use');
      if (token.expiresAt !== null && token.expiresAt <= now) throw new IssuerError('token-expired');
      if (token.validUntil !== null && token.validUntil <= now) throw new IssuerError('token-expired');

      const match = await TOKEN_TYPES[typeOf(token)].match({
        sign: await verifier.sign(token.serial, token.sealedSeed, token.algorithm),
        // An imported time token starts from the drift its vendor measured (0 for the bank's own).
        code: a.code, token, now,
        window: settings.window, maxDrift: settings.maxDrift, lookAhead: settings.lookAhead,
      });
      if (match.kind !== 'match') throw new IssuerError('bad-code');

      const old = current ? await tx.getToken(current) : null;
      // The registration code is consumed: lastStep = its step, so it cannot sign in afterwards.
      await tx.putToken({
        ...token, status: next('register', token.status), companyId: a.companyId, reservedFor: null,
        lastStep: match.step, drift: match.drift, failures: 0, expiresAt: null,
      });
      if (old && old.status !== 'retired') await tx.putToken({ ...old, status: next('replace', old.status) });
      if (company.usageMode === 'shared') {
        await tx.putCompany({ ...company, sharedSerial: serial });
        for (const u of await tx.listUsers(a.companyId)) await tx.putUser({ ...u, serial, stopped: false });
      } else {
        await tx.putUser({ ...user, serial, stopped: false });
      }
      return { serial, replaced: current };
    });
  } catch (error) {
    if (error instanceof IssuerError) {
      await audit.write({ at: now, actor, action: 'register', companyId: a.companyId, target, outcome: error.code });
    }
    throw error;
  }
  verifier.forget(a.companyId);
  await audit.write({
    at: now, actor, action: result.replaced ? 'exchange' : 'register', companyId: a.companyId,
    target: result.replaced ? `${target} (replaces ${result.replaced})` : target, outcome: 'ok',
  });
  return result;
}
