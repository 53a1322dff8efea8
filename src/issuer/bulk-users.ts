/**
 * The administrator's user list: CSV lines `userId,displayName,initialPassword` (a first line
 * naming the columns is a header). Each bad line is reported with its reason; the rest import.
 */
import { LIMITS, PATTERNS } from '../core/limits.ts';
import { FORBIDDEN_IN_NAME } from '../core/names.ts';
import { csvRecords } from './csv-records.ts';

export type UserImportRejectReason =
  | 'bad-line'
  | 'bad-id'
  | 'bad-name'
  | 'bad-password'
  | 'duplicate'
  /** At import: the company has this user already. */
  | 'user-exists'
  /** Past MAX_USER_LINES. */
  | 'too-many';

export interface UserImportLine {
  line: number;
  userId: string;
  displayName: string;
  password: string;
}

export interface UserImportReject {
  line: number;
  /** As written (cut to 40 characters), so the administrator can find the line. */
  userId: string;
  reason: UserImportRejectReason;
}

export const USER_IMPORT_RULES = {
  id: PATTERNS.id,
  nameLength: LIMITS.nameLength,
  /** Not in a name: the same characters as a token's names (shown as text). */
  forbiddenInName: FORBIDDEN_IN_NAME,
  /** The internet-banking password the user is asked to change: 8–64 characters, no controls. */
  passwordMin: 8,
  passwordMax: 64,
  forbiddenInPassword: /[\u0000-\u001f\u007f-\u009f]/u,
  /** One file; a company of thousands imports in a few. */
  maxLines: 5000,
} as const;

const HEADER = /^(user[ _-]?id|id|ユーザーid|利用者id)$/i;

export function parseUserCsv(text: string): { users: UserImportLine[]; rejected: UserImportReject[] } {
  const R = USER_IMPORT_RULES;
  const users: UserImportLine[] = [];
  const rejected: UserImportReject[] = [];
  const { records, unclosedQuoteAt } = csvRecords(text);
  const seen = new Set<string>();
  records.forEach(({ line, fields }, index) => {
    const userId = (fields[0] ?? '').trim();
    const reject = (reason: UserImportRejectReason) => rejected.push({ line, userId: userId.slice(0, 40), reason });
    if (index === 0 && HEADER.test(userId.normalize('NFKC'))) return;
    if (users.length + rejected.length >= R.maxLines) return void reject('too-many');
    if (fields.length !== 3) return void reject('bad-line');
    if (!R.id.test(userId)) return void reject('bad-id');
    const displayName = fields[1]!.trim().normalize('NFC');
    if (!displayName || Array.from(displayName).length > R.nameLength || R.forbiddenInName.test(displayName)) return void reject('bad-name');
    // The password as written: spaces inside or around it are part of it.
    const password = fields[2]!;
    const length = Array.from(password).length;
    if (length < R.passwordMin || length > R.passwordMax || R.forbiddenInPassword.test(password)) return void reject('bad-password');
    // IDs are compared as the sign-in compares them: exactly.
    if (seen.has(userId)) return void reject('duplicate');
    seen.add(userId);
    users.push({ line, userId, displayName, password });
  });
  if (unclosedQuoteAt !== null) rejected.push({ line: unclosedQuoteAt, userId: '', reason: 'bad-line' });
  rejected.sort((a, b) => a.line - b.line);
  return { users, rejected };
}
