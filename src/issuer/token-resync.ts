/**
 * The bank operator resynchronises a token that drifted (an event token pressed many times, a
 * time token whose clock ran off) from two consecutive codes the customer reads out; the token's
 * type finds them within its wide window (resync.ts). Audited either way; a token keeps its status
 * (a locked one is unlocked separately, after the customer is identified).
 */
import type { ResyncResponse } from './api-types.ts';
import type { IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { LIMITS, normalizeSerial } from '../core/limits.ts';
import { TOKEN_TYPES, typeOf } from './token-types.ts';

/** A suspended token (lost) or a retired one is not brought back by a resync. */
const RESYNCABLE = new Set(['unassigned', 'active', 'locked']);

export async function resyncToken(
  ctx: IssuerContext, serialText: string, codes: readonly [string, string], now: number, actor: string,
): Promise<ResyncResponse> {
  const serial = normalizeSerial(serialText);
  const target = serial.slice(0, LIMITS.serialLength);
  let result: ResyncResponse & { companyId: string | null };
  try {
    result = await ctx.store.transaction(async (tx) => {
      const token = await tx.getToken(serial);
      if (!token) throw new IssuerError('unknown-serial');
      if (token.status === 'retired') throw new IssuerError('token-retired');
      if (!RESYNCABLE.has(token.status)) throw new IssuerError('invalid-state', token.status);
      const found = await TOKEN_TYPES[typeOf(token)].resync({
        sign: await ctx.verifier.sign(token.serial, token.sealedSeed, token.algorithm), codes, token, now,
      });
      if (!found) throw new IssuerError('resync-failed');
      await tx.putToken({ ...token, lastStep: found.step, drift: found.drift, failures: token.status === 'active' ? 0 : token.failures });
      return { serial, type: typeOf(token), status: token.status, drift: found.drift, companyId: token.companyId };
    });
  } catch (error) {
    if (error instanceof IssuerError) await ctx.audit.write({ at: now, actor, action: 'resync', companyId: null, serial: target, outcome: error.code });
    throw error;
  }
  if (result.companyId) ctx.verifier.forget(result.companyId);
  await ctx.audit.write({ at: now, actor, action: 'resync', companyId: result.companyId, serial: target, detail: `drift ${result.drift}`, outcome: 'ok' });
  const { companyId: _companyId, ...response } = result;
  return response;
}
