/** One database interface over PGlite (embedded, default) and PostgreSQL via `pg` (DATABASE_URL). */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { MIGRATIONS } from './migrations.ts';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** BEGIN … COMMIT, ROLLBACK when `fn` throws. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Connections of the pool (PostgreSQL), for the metrics. */
  pool?: () => { total: number; idle: number; waiting: number };
}

export async function openPglite(dataDir: string): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(path.join(dataDir, 'pglite'));
  await db.waitReady;
  // The data sits in memory: at the default 4 (a disk seek) the planner preferred scanning every
  // user to 32 index lookups for the verifier's batched UPDATE, several times slower.
  await db.query('SET random_page_cost = 1.1');
  // ANALYZE (analyzeChanged, once a minute) holds the event loop while it runs: at the default
  // target of 100 it samples 30,000 rows a table (137 ms for 30,000 tokens, 63 ms for their audit
  // rows, measured); at 10, 3,000 rows (20 and 12 ms), enough for this schema's key lookups.
  await db.query('SET default_statistics_target = 10');
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params)).rows,
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    // PGlite has one connection: its transaction() holds it, so other queries wait their turn.
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}

/** `searchPath` puts every table in that schema (the tests use a fresh schema per run). */
export async function openPostgres(url: string, searchPath?: string): Promise<Db> {
  // int8 (BIGINT) as JS numbers: steps and millisecond times stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 10, ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}) });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[] });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/**
 * PGlite runs PostgreSQL single-user, without autovacuum, so nothing keeps the planner's
 * statistics current and it plans on guesses. ANALYZE what changed by autovacuum's rule
 * (50 rows + 10 %), at start and periodically; PostgreSQL's autovacuum does this itself.
 */
export async function analyzeChanged(db: Db): Promise<string[]> {
  if (db.kind !== 'pglite') return [];
  await db.query('SELECT pg_stat_force_next_flush()'); // this session's counts, up to date
  const rows = await db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
     WHERE last_analyze IS NULL OR n_mod_since_analyze > 50 + 0.1 * n_live_tup ORDER BY 1`,
  );
  for (const r of rows) await db.query(`ANALYZE ${r.name}`);
  return rows.map((r) => r.name);
}

/** Apply the migrations not yet applied, each in its own transaction, in order. */
export async function migrate(db: Db, now: number): Promise<number[]> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    const done = await db.transaction(async (q) => {
      // Two servers starting on one PostgreSQL: the lock makes the second wait, then skip.
      await q.query('SELECT pg_advisory_xact_lock(7265)');
      const rows = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length) return false;
      for (const statement of m.statements) await q.query(statement);
      await q.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, now]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
