/**
 * IssuerStore in memory: for the issuer's unit tests and for trying the library without a
 * database. Transactions run one at a time and roll back by restoring a snapshot.
 */
import type {
  AcceptStep, AuditEntry, AuditQuery, Binding, RecordFailure, CompanyRecord, IssuerStore, IssuerTx, TokenRecord, TokenStatus, UserPage, UserPageQuery, UserRecord, UserSearchRow,
} from './types.ts';

interface State {
  companies: Map<string, CompanyRecord>;
  users: Map<string, UserRecord>;
  tokens: Map<string, TokenRecord>;
}

const ukey = (companyId: string, userId: string) => `${companyId}\u0000${userId}`;

function copyState(s: State): State {
  return { companies: new Map(s.companies), users: new Map(s.users), tokens: new Map(s.tokens) };
}

export class MemoryStore implements IssuerStore {
  #state: State = { companies: new Map(), users: new Map(), tokens: new Map() };
  #audit: AuditEntry[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  // Records are replaced, never mutated in place, so a shallow map copy is a full snapshot.
  #tx(): IssuerTx {
    const s = this.#state;
    return {
      getCompany: async (id) => s.companies.get(id) ?? null,
      putCompany: async (c) => void s.companies.set(c.companyId, { ...c }),
      getUser: async (c, u) => s.users.get(ukey(c, u)) ?? null,
      listUsers: async (c) => [...s.users.values()].filter((u) => u.companyId === c),
      pageUsers: async (query, now) => pageOf(s, query, now),
      putUser: async (u) => void s.users.set(ukey(u.companyId, u.userId), { ...u }),
      insertUsers: async (users) => {
        const inserted = new Set<string>();
        for (const { passwordHash: _kept, ...u } of users) {
          // Passwords live with the service's accounts, not in this store.
          if (s.users.has(ukey(u.companyId, u.userId))) continue;
          s.users.set(ukey(u.companyId, u.userId), { ...u });
          inserted.add(u.userId);
        }
        return inserted;
      },
      getToken: async (serial) => s.tokens.get(serial) ?? null,
      insertToken: async (t) => {
        if (s.tokens.has(t.serial)) return false;
        s.tokens.set(t.serial, { ...t });
        return true;
      },
      insertTokens: async (tokens) => {
        const inserted = new Set<string>();
        for (const t of tokens) {
          if (s.tokens.has(t.serial)) continue;
          s.tokens.set(t.serial, { ...t });
          inserted.add(t.serial);
        }
        return inserted;
      },
      putToken: async (t) => void s.tokens.set(t.serial, { ...t }),
      purgeExpired: async (before) => {
        const bound = new Set([...s.users.values()].map((u) => u.serial).concat([...s.companies.values()].map((c) => c.sharedSerial)));
        const gone = [...s.tokens.values()].filter((t) => t.status === 'retired' && t.expiresAt !== null && t.expiresAt < before && !bound.has(t.serial));
        for (const t of gone) s.tokens.delete(t.serial);
        return gone.map((t) => t.serial).sort();
      },
      listCompanyTokens: async (c) => [...s.tokens.values()].filter((t) => t.companyId === c && t.status !== 'retired'),
      expireUnassigned: async (now, to) => {
        const expired: string[] = [];
        for (const t of s.tokens.values()) {
          if (t.status === 'unassigned' && t.expiresAt !== null && t.expiresAt <= now) {
            s.tokens.set(t.serial, { ...t, status: to });
            expired.push(t.serial);
          }
        }
        return expired;
      },
    };
  }

  transaction<T>(fn: (tx: IssuerTx) => Promise<T>): Promise<T> {
    const run = async () => {
      const snapshot = copyState(this.#state);
      try {
        return await fn(this.#tx());
      } catch (error) {
        this.#state = snapshot;
        throw error;
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #binding(companyId: string, userId: string): Binding | null {
    const user = this.#state.users.get(ukey(companyId, userId));
    if (!user) return null;
    return { user, token: user.serial ? this.#state.tokens.get(user.serial) ?? null : null };
  }

  async loadBinding(companyId: string, userId: string): Promise<Binding | null> {
    await this.#queue;
    return this.#binding(companyId, userId);
  }

  async loadAllBindings(): Promise<Binding[]> {
    await this.#queue;
    return [...this.#state.users.values()].filter((u) => u.serial).map((u) => this.#binding(u.companyId, u.userId)!);
  }

  /** Same conditions as the SQL store's conditional UPDATE. */
  #activeTokenOf(companyId: string, userId: string, serial: string): TokenRecord | null {
    const user = this.#state.users.get(ukey(companyId, userId));
    const token = this.#state.tokens.get(serial);
    if (!user || user.stopped || user.serial !== serial || !token || token.status !== 'active') return null;
    return token;
  }

  async acceptStep(a: AcceptStep): Promise<boolean> {
    await this.#queue;
    const token = this.#activeTokenOf(a.companyId, a.userId, a.serial);
    if (!token || token.lastStep >= a.step) return false;
    this.#state.tokens.set(a.serial, { ...token, lastStep: a.step, drift: a.drift, failures: 0 });
    await this.appendAudit([{ ...a.audit, outcome: 'ok' }]);
    return true;
  }

  async recordFailure(a: RecordFailure): Promise<{ failures: number; status: TokenStatus } | null> {
    await this.#queue;
    const token = this.#activeTokenOf(a.companyId, a.userId, a.serial);
    if (!token) return null;
    const failures = token.failures + 1;
    const status: TokenStatus = failures >= a.maxFailures ? a.lockedStatus : token.status;
    this.#state.tokens.set(a.serial, { ...token, failures, status });
    await this.appendAudit([{ ...a.audit, outcome: status === a.lockedStatus ? 'locked' : 'refused' }]);
    return { failures, status };
  }

  async pinAttempt(companyId: string, maxFailures: number): Promise<{ pinHash: string; failures: number } | 'locked' | null> {
    await this.#queue;
    const c = this.#state.companies.get(companyId);
    if (!c) return null;
    const failures = c.pinFailures ?? 0;
    if (failures >= maxFailures) return 'locked';
    this.#state.companies.set(companyId, { ...c, pinFailures: failures + 1 });
    return { pinHash: c.pinHash, failures: failures + 1 };
  }

  async pinReset(companyId: string): Promise<void> {
    await this.#queue;
    const c = this.#state.companies.get(companyId);
    if (c) this.#state.companies.set(companyId, { ...c, pinFailures: 0 });
  }

  async listCompanies(): Promise<CompanyRecord[]> {
    await this.#queue;
    return [...this.#state.companies.values()].sort((a, b) => (a.companyId < b.companyId ? -1 : 1));
  }

  async appendAudit(entries: AuditEntry[]): Promise<void> {
    for (const e of entries) this.#audit.push({ ...e, id: this.#audit.length + 1 });
  }

  async listAudit(q: AuditQuery): Promise<AuditEntry[]> {
    const match = (e: AuditEntry) =>
      (q.companyId === undefined || e.companyId === q.companyId) && (q.userId === undefined || e.userId === q.userId) &&
      (q.action === undefined || e.action === q.action) && (q.outcome === undefined || e.outcome === q.outcome) &&
      (q.from === undefined || e.at >= q.from) && (q.to === undefined || e.at < q.to) &&
      (q.before === undefined || e.id! < q.before);
    return this.#audit.filter(match).slice(-q.limit).reverse();
  }

  async searchUsers(q: string, limit: number, now: number): Promise<UserSearchRow[]> {
    return pageOf(this.#state, { q, offset: 0, limit }, now).rows;
  }

}

/** The same page as server/user-pages.ts: the same fields searched, the same order. */
function pageOf(s: State, query: UserPageQuery, now: number): UserPage {
  const needle = query.q.toLowerCase();
  const rows: UserSearchRow[] = [];
  for (const user of s.users.values()) {
    if (query.companyId !== undefined && user.companyId !== query.companyId) continue;
    if (query.userId !== undefined && user.userId !== query.userId) continue;
    const company = s.companies.get(user.companyId)!;
    const fields = [user.userId, user.displayName ?? ''];
    if (query.companyId === undefined) fields.push(user.companyId, company.name, user.serial ?? '');
    if (needle && !fields.some((f) => f.toLowerCase().includes(needle))) continue;
    const pendingFor = (reservedFor: string | null) => [...s.tokens.values()].filter((t) =>
      t.companyId === user.companyId && t.status === 'unassigned' && (t.expiresAt === null || t.expiresAt > now) && t.reservedFor === reservedFor)
      .sort((x, y) => y.createdAt - x.createdAt)[0];
    const pending = pendingFor(user.userId) ?? (company.usageMode === 'shared' ? pendingFor(null) : undefined) ?? null;
    rows.push({ companyId: user.companyId, companyName: company.name, user, token: user.serial ? s.tokens.get(user.serial) ?? null : null, pending });
  }
  const order = (r: UserSearchRow) => `${r.companyId}\u0000${r.user.userId}`;
  rows.sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));
  return { rows: rows.slice(query.offset, query.offset + query.limit), total: rows.length };
}
