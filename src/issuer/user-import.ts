/**
 * The administrator's bulk user import: the lines bulk-users.ts accepted go in together, in one
 * transaction, with the company's shared token when it has one (as createUser gives it); a user
 * the company has already is reported, not changed. The initial passwords arrive hashed (the
 * service hashes them before the transaction): no plain password reaches the issuer.
 */
import type { UserImportReject } from './bulk-users.ts';
import { companyIn, type IssuerContext } from './context.ts';
import type { UserRecord } from './types.ts';

export interface ImportedUser {
  line: number;
  userId: string;
  displayName: string;
  passwordHash: string | null;
}

export interface UserImportOutcome {
  /** The IDs created, in file order. */
  created: string[];
  rejected: UserImportReject[];
}

export async function importUsers(
  ctx: IssuerContext, companyId: string, lines: ImportedUser[], now: number, actor: string,
): Promise<UserImportOutcome> {
  const inserted = await ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    const users = lines.map((l): UserRecord => ({
      companyId, userId: l.userId, serial: company.sharedSerial, stopped: false, createdAt: now, displayName: l.displayName,
    }));
    const withPasswords = users.map((u, i) => ({ ...u, passwordHash: lines[i]!.passwordHash }));
    return tx.insertUsers(withPasswords);
  });
  const created = lines.filter((l) => inserted.has(l.userId)).map((l) => l.userId);
  const rejected = lines.filter((l) => !inserted.has(l.userId)).map((l): UserImportReject => ({ line: l.line, userId: l.userId, reason: 'user-exists' }));
  ctx.verifier.forget(companyId);
  await ctx.audit.write({
    at: now, actor, action: 'user-import', companyId, target: `${created.length} users`,
    outcome: rejected.length ? `ok, ${rejected.length} exist` : 'ok',
  });
  return { created, rejected };
}
