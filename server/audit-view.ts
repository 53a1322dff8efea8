/** An audit entry as the API shows it. */
import type { AuditView } from '../src/issuer/api-types.ts';
import type { AuditEntry } from '../src/issuer/types.ts';

export function auditView(e: AuditEntry, withCompany: boolean): AuditView {
  return {
    at: new Date(e.at).toISOString(), actor: e.actor, action: e.action, target: e.target, outcome: e.outcome,
    ...(withCompany ? { companyId: e.companyId } : {}),
  };
}
