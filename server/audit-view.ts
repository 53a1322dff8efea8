/** Audit entries as the API shows them, a page at a time, filtered by the query (docs/api.md "Audit"). */
import type { Context } from 'hono';
import type { AuditPage, AuditView } from '../src/issuer/api-types.ts';
import type { Issuer } from '../src/issuer/issuer.ts';
import type { AuditEntry } from '../src/issuer/types.ts';
import { queryParams } from './query-params.ts';
import { AuditQueryParams } from './schemas.ts';

export function auditView(e: AuditEntry, withCompany: boolean): AuditView {
  return {
    id: e.id ?? 0, at: new Date(e.at).toISOString(), actor: e.actor, action: e.action,
    userId: e.userId ?? null, serial: e.serial ?? null, outcome: e.outcome, detail: e.detail ?? null,
    ...(withCompany ? { companyId: e.companyId, address: e.address ?? null } : {}),
  };
}

/** One page of `companyId`'s log (undefined: every company's), filtered by the request's query. */
export async function auditPage(issuer: Issuer, c: Context, companyId: string | undefined): Promise<AuditPage> {
  const q = queryParams(c, AuditQueryParams);
  const limit = q.limit ?? 100;
  const entries = await issuer.listAudit(companyId, {
    limit: limit + 1,
    ...(q.user !== undefined ? { userId: q.user } : {}), ...(q.action !== undefined ? { action: q.action } : {}),
    ...(q.outcome !== undefined ? { outcome: q.outcome } : {}), ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}), ...(q.before !== undefined ? { before: q.before } : {}),
  });
  const page = entries.slice(0, limit);
  return { entries: page.map((e) => auditView(e, companyId === undefined)), next: entries.length > limit ? page[page.length - 1]!.id ?? null : null };
}
