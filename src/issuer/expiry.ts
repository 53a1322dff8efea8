/** Unassigned tokens past their time are retired (the server runs this periodically). */
import type { IssuerContext } from './context.ts';
import { next } from './lifecycle.ts';

export async function expireUnassigned(ctx: IssuerContext, now: number): Promise<string[]> {
  const serials = await ctx.store.transaction((tx) => tx.expireUnassigned(now, next('expire', 'unassigned')));
  for (const serial of serials) {
    await ctx.audit.write({ at: now, actor: 'system', action: 'expire', companyId: null, target: serial, outcome: 'ok' });
  }
  return serials;
}
