/** The audit log's filters as the query the service reads (docs/api.md, the audit endpoints). */
export interface AuditFilter {
  user: string;
  action: string;
  outcome: string;
  /** `YYYY-MM-DD`, from the date inputs. */
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilter = { user: '', action: '', outcome: '', from: '', to: '' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** `path` with the filters set and, for the next page, the entry to continue before. */
export function auditQuery(path: string, f: AuditFilter, before?: number): string {
  const q = new URLSearchParams();
  if (f.user.trim()) q.set('user', f.user.trim());
  if (f.action) q.set('action', f.action);
  if (f.outcome) q.set('outcome', f.outcome);
  if (f.from) q.set('from', f.from);
  // The whole "to" day is included.
  if (f.to) q.set('to', new Date(Date.parse(f.to) + DAY_MS).toISOString().slice(0, 10));
  if (before !== undefined) q.set('before', String(before));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
