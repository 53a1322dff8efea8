/**
 * Who may sign in, in the database: the screens' accounts (administrators, bank operators, scrypt
 * hashes), the internet-banking users' passwords (scrypt, set by the administrator) and the
 * integration API's clients (a random key, shown once, stored as its SHA-256: the key is long and
 * random, so a fast hash is enough and a lookup is one indexed read).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../src/issuer/api-types.ts';
import type { Db } from './db.ts';

type Row = Record<string, unknown>;

export interface ApiClient {
  name: string;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

export const keyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** A new API key: `stk_` and 32 random bytes (base64url). */
export function newApiKey(): string {
  return `stk_${randomBytes(32).toString('base64url')}`;
}

export class AccountStore {
  readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  async put(a: { role: Role; username: string; companyId: string | null; passwordHash: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO accounts (role, username, company_id, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (role, username) DO UPDATE SET company_id = $3, password_hash = $4`,
      [a.role, a.username, a.companyId, a.passwordHash],
    );
  }

  async get(role: Role, username: string): Promise<{ companyId: string | null; passwordHash: string } | null> {
    const rows = await this.db.query<Row>('SELECT company_id, password_hash FROM accounts WHERE role = $1 AND username = $2', [role, username]);
    const r = rows[0];
    return r ? { companyId: (r.company_id as string | null) ?? null, passwordHash: r.password_hash as string } : null;
  }

  /** An internet-banking user's password hash; false when the user does not exist. */
  async setUserPassword(companyId: string, userId: string, passwordHash: string): Promise<boolean> {
    const rows = await this.db.query('UPDATE users SET password_hash = $3 WHERE company_id = $1 AND user_id = $2 RETURNING 1', [companyId, userId, passwordHash]);
    return rows.length === 1;
  }

  async userPasswordHash(companyId: string, userId: string): Promise<string | null> {
    const rows = await this.db.query<Row>('SELECT password_hash FROM users WHERE company_id = $1 AND user_id = $2', [companyId, userId]);
    return (rows[0]?.password_hash as string | null | undefined) ?? null;
  }

  // ---------------------------------------------------------------- integration API clients

  /** A client with a new key (returned once); an existing name gets the new key and is no longer revoked. */
  async putApiClient(name: string, key: string, now: number, createdBy: string): Promise<void> {
    await this.db.query(
      `INSERT INTO api_clients (name, key_hash, created_at, created_by, revoked_at) VALUES ($1, $2, $3, $4, NULL)
       ON CONFLICT (name) DO UPDATE SET key_hash = $2, created_at = $3, created_by = $4, revoked_at = NULL`,
      [name, keyHash(key), now, createdBy],
    );
  }

  /** False when there was no such client, or it was new. */
  async createApiClient(name: string, key: string, now: number, createdBy: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO api_clients (name, key_hash, created_at, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING 1`,
      [name, keyHash(key), now, createdBy],
    );
    return rows.length === 1;
  }

  async revokeApiClient(name: string, now: number): Promise<boolean> {
    const rows = await this.db.query('UPDATE api_clients SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL RETURNING 1', [name, now]);
    return rows.length === 1;
  }

  async listApiClients(): Promise<ApiClient[]> {
    const rows = await this.db.query<Row>('SELECT name, created_at, created_by, revoked_at FROM api_clients ORDER BY name');
    return rows.map((r) => ({
      name: r.name as string, createdAt: Number(r.created_at), createdBy: r.created_by as string,
      revokedAt: r.revoked_at === null || r.revoked_at === undefined ? null : Number(r.revoked_at),
    }));
  }

  /** The client a bearer key belongs to, if it is not revoked. */
  async apiClientByKey(key: string): Promise<string | null> {
    const rows = await this.db.query<Row>('SELECT name FROM api_clients WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash(key)]);
    return (rows[0]?.name as string | undefined) ?? null;
  }
}
