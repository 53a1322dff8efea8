/**
 * Unassigned tokens past their time are retired, and removed after the retention period (the
 * server runs this periodically), so abandoned provisioning fills neither the table nor the serial space.
 */
import type { IssuerContext } from './context.ts';
import { next } from './lifecycle.ts';

export async function expireUnassigned(ctx: IssuerContext, now: number): Promise<{ expired: string[]; removed: string[] }> {
  const { expired, removed } = await ctx.store.transaction(async (tx) => ({
    expired: await tx.expireUnassigned(now, next('expire', 'unassigned')),
    removed: await tx.purgeExpired(now - ctx.settings.expiredRetentionMs),
  }));
  for (const serial of expired) {
    await ctx.audit.write({ at: now, actor: 'system', action: 'expire', companyId: null, serial, outcome: 'ok' });
  }
  if (removed.length) {
    await ctx.audit.write({ at: now, actor: 'system', action: 'purge', companyId: null, outcome: 'ok', detail: `${removed.length} expired tokens removed` });
  }
  return { expired, removed };
}
