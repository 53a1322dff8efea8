/** The company administrator's setup: the company itself, its users, usage mode, stop use. */
import { PATTERNS } from '../core/limits.ts';
import { companyIn, type IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { allows, next } from './lifecycle.ts';
import type { UsageMode, UserRecord } from './types.ts';

/** Create the company, or update its name and confirmation PIN (the demo does this at each start). */
export async function ensureCompany(ctx: IssuerContext, a: { companyId: string; name: string; pin: string }): Promise<void> {
  if (!PATTERNS.id.test(a.companyId)) throw new RangeError('bad company id');
  if (!PATTERNS.confirmationPin.test(a.pin)) throw new RangeError('the confirmation PIN must be 6–12 letters or digits');
  const pinHash = await ctx.pinHasher.hash(a.pin);
  await ctx.store.transaction(async (tx) => {
    const existing = await tx.getCompany(a.companyId);
    await tx.putCompany(
      existing
        ? { ...existing, name: a.name, pinHash }
        : { companyId: a.companyId, name: a.name, usageMode: 'per-user', sharedSerial: null, pinHash },
    );
  });
}

export async function createUser(ctx: IssuerContext, companyId: string, userId: string, now: number, actor: string): Promise<UserRecord> {
  if (!PATTERNS.id.test(userId)) throw new RangeError('bad user id');
  const user = await ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    if (await tx.getUser(companyId, userId)) throw new IssuerError('user-exists');
    const user: UserRecord = { companyId, userId, serial: company.sharedSerial, stopped: false, createdAt: now };
    await tx.putUser(user);
    return user;
  });
  ctx.verifier.forget(companyId);
  await ctx.audit.write({ at: now, actor, action: 'user-create', companyId, userId, outcome: 'ok' });
  return user;
}

/** Step ⑦. A change unregisters every token of the company, as the bank's guide warns. */
export async function setUsageMode(ctx: IssuerContext, companyId: string, mode: UsageMode, now: number, actor: string): Promise<UsageMode> {
  const changed = await ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    if (company.usageMode === mode) return false;
    const tokens = await tx.listCompanyTokens(companyId);
    if (tokens.some((t) => !allows('unregister', t.status))) throw new IssuerError('held-by-bank');
    for (const token of tokens) await tx.putToken({ ...token, status: next('unregister', token.status) });
    for (const user of await tx.listUsers(companyId)) await tx.putUser({ ...user, serial: null, stopped: false });
    await tx.putCompany({ ...company, usageMode: mode, sharedSerial: null });
    return true;
  });
  ctx.verifier.forget(companyId);
  await ctx.audit.write({ at: now, actor, action: 'usage-mode', companyId, detail: mode, outcome: changed ? 'ok' : 'unchanged' });
  return mode;
}

/** 利用中止: the user has no token until one is registered again. */
export async function stop(ctx: IssuerContext, companyId: string, userId: string, now: number, actor: string): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    const user = await tx.getUser(companyId, userId);
    if (!user) throw new IssuerError('unknown-user');
    // A shared token stays with the other users; a user's own token is retired.
    if (user.serial && company.usageMode === 'per-user') {
      const token = await tx.getToken(user.serial);
      if (token && token.status !== 'retired') {
        if (!allows('stop', token.status)) throw new IssuerError('held-by-bank');
        await tx.putToken({ ...token, status: next('stop', token.status) });
      }
    }
    await tx.putUser({ ...user, serial: null, stopped: true });
  });
  ctx.verifier.forget(companyId);
  await ctx.audit.write({ at: now, actor, action: 'stop', companyId, userId, outcome: 'ok' });
}
