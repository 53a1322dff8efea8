/**
 * The administrator's bulk user import: the lines bulk-users.ts accepted go in with the company's
 * shared token when it has one (as createUser gives it); a user the company has already is
 * reported, not changed. The initial passwords arrive hashed: no plain password reaches the issuer.
 * The service imports a file as a stored job, a chunk of lines per transaction
 * (server/user-imports.ts), which writes the import's audit entry (importAudit) with its last chunk.
 */
import type { UserImportReject } from './bulk-users.ts';
import { companyIn } from './context.ts';
import type { AuditEntry, IssuerTx, UserRecord } from './types.ts';

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

/** Inserts `lines` within `tx`; the caller commits (with its own bookkeeping in the same transaction). */
export async function insertImportedUsers(tx: IssuerTx, companyId: string, lines: ImportedUser[], now: number): Promise<UserImportOutcome> {
  const company = await companyIn(tx, companyId);
  const users = lines.map((l): UserRecord & { passwordHash: string | null } => ({
    companyId, userId: l.userId, serial: company.sharedSerial, stopped: false, createdAt: now, displayName: l.displayName, passwordHash: l.passwordHash,
  }));
  const inserted = await tx.insertUsers(users);
  return {
    created: lines.filter((l) => inserted.has(l.userId)).map((l) => l.userId),
    rejected: lines.filter((l) => !inserted.has(l.userId)).map((l): UserImportReject => ({ line: l.line, userId: l.userId, reason: 'user-exists' })),
  };
}

/** The audit entry of a whole import. */
export function importAudit(companyId: string, created: number, rejected: number, now: number, actor: string): AuditEntry {
  return { at: now, actor, action: 'user-import', companyId, detail: `${created} users`, outcome: rejected ? `ok, ${rejected} rejected` : 'ok' };
}
