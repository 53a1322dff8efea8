/** The bulk user import's answer and its report lines in the screen's language. */
import { locale } from '../lib/i18n/locale.svelte.ts';

export interface UserReject {
  line: number;
  userId: string;
  reason: string;
}

/** The import's stored job as the service reports it (server/user-imports.ts UserImportStatus). */
export interface UserImportResult {
  id: string;
  total: number;
  imported: number;
  pending: number;
  done: boolean;
  rejected: UserReject[];
}

export function userRejectLine(r: UserReject): string {
  const t = locale.t.bulk;
  const reason = Object.hasOwn(t.reason, r.reason) ? t.reason[r.reason]! : r.reason;
  return [t.atLine({ n: r.line }), r.userId, reason].filter(Boolean).join(' ');
}
