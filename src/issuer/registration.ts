/**
 * Step ⑧: bind a serial to a user after checking the confirmation PIN and the code now shown.
 * When the user already has a token this is the exchange: the old token is retired in the same
 * transaction. In shared mode the token becomes every user's.
 */
import { LIMITS, normalizeSerial, PATTERNS } from '../core/limits.ts';
import { companyIn, type IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { allows, next } from './lifecycle.ts';
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
  const entry = { actor, companyId: a.companyId, userId: a.userId, serial: serial.slice(0, LIMITS.serialLength) };
  let result: { serial: string; replaced: string | null };
  try {
    // The PIN first: without it, nothing about the serial is revealed. Counted before it is
    // hashed, and hashed outside any transaction (scrypt must not hold rows or the connection).
    await checkPin(ctx, a.companyId, a.pin, now, actor);
    result = await store.transaction(async (tx) => {
      const company = await companyIn(tx, a.companyId);
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
      if (old && old.status !== 'retired' && !allows('replace', old.status)) throw new IssuerError('held-by-bank');
      // The registration code is consumed: lastStep = its step, so it cannot sign in afterwards.
      await tx.putToken({
        ...token, status: next('register', token.status), companyId: a.companyId, reservedFor: null,
        lastStep: match.step, drift: match.drift, failures: 0, expiresAt: null,
      });
      if (old && old.status !== 'retired') await tx.putToken({ ...old, status: next('replace', old.status) });
      if (company.usageMode === 'shared') {
        await tx.putCompany({ ...company, sharedSerial: serial });
        // A user whose use was stopped stays stopped: only registering for that user restarts it.
        for (const u of await tx.listUsers(a.companyId)) {
          if (u.userId === a.userId) await tx.putUser({ ...u, serial, stopped: false });
          else if (!u.stopped) await tx.putUser({ ...u, serial });
        }
      } else {
        await tx.putUser({ ...user, serial, stopped: false });
      }
      return { serial, replaced: current };
    });
  } catch (error) {
    if (error instanceof IssuerError) {
      await audit.write({ ...entry, at: now, action: 'register', outcome: error.code });
    }
    throw error;
  }
  verifier.forget(a.companyId);
  await audit.write({
    ...entry, at: now, action: result.replaced ? 'exchange' : 'register', outcome: 'ok',
    detail: result.replaced ? `replaces ${result.replaced}` : null,
  });
  return result;
}

/** Step ⑧'s confirmation PIN: `pin-locked` after `maxPinFailures` wrong in a row, `bad-pin` when wrong. */
async function checkPin(ctx: IssuerContext, companyId: string, pin: string, now: number, actor: string): Promise<void> {
  const { store, settings } = ctx;
  const counted = await store.pinAttempt(companyId, settings.maxPinFailures);
  if (counted === null) throw new IssuerError('unknown-company');
  if (counted === 'locked') throw new IssuerError('pin-locked');
  if (PATTERNS.confirmationPin.test(pin) && (await ctx.pinHasher.verify(pin, counted.pinHash))) {
    await store.pinReset(companyId);
    return;
  }
  if (counted.failures >= settings.maxPinFailures) {
    await ctx.audit.write({ at: now, actor, action: 'pin-lock', companyId, outcome: 'locked', detail: `${counted.failures} wrong` });
  }
  throw new IssuerError('bad-pin');
}
