// A database migrated by an older release still migrates: main once applied the numbered
// migrations 1, 3, 4 (… 6) before 2 existed, so a later 2 runs after 4 on such a database.
// Every column two migrations add must be added with IF NOT EXISTS (users.password_hash).
import { describe, expect, it } from 'vitest';
import { migrate, type Db } from '../../../server/db.ts';
import { MIGRATIONS } from '../../../server/migrations.ts';
import { backends, withDatabase } from './backends.ts';

/** What migrate() did on an older release: the given versions only, recorded as applied. */
async function migrateAsOlderRelease(db: Db, versions: number[]): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => versions.includes(x.version))) {
    await db.transaction(async (q) => {
      for (const s of m.statements) await q.query(s);
      await q.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [m.version]);
    });
  }
}

const columns = async (db: Db, table: string) =>
  (await db.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()', [table],
  )).map((r) => r.column_name);

describe.each(backends('migrations'))('migrations on %s', (_name, open) => {
  it.skipIf(!open)('a database at 1, 3, 4 (bulk users before sessions) migrates to the latest, its users and passwords kept', async () => {
    await withDatabase(open!, async (db) => {
      await migrateAsOlderRelease(db, [1, 3, 4]);
      await db.query(`INSERT INTO companies (company_id, name, usage_mode, shared_serial, pin_hash) VALUES ('demo', 'Demo', 'per-user', NULL, 'x')`);
      await db.query(`INSERT INTO users (company_id, user_id, created_at, display_name, password_hash) VALUES ('demo', 'taro', 1, '山田太郎', 'scrypt$old')`);
      const applied = await migrate(db, Date.now());
      expect(applied).toEqual(MIGRATIONS.map((m) => m.version).filter((v) => ![1, 3, 4].includes(v)));
      expect(await columns(db, 'users')).toEqual(expect.arrayContaining(['password_hash', 'display_name']));
      expect(await columns(db, 'companies')).toContain('pin_failures');
      expect(await db.query('SELECT user_id, display_name, password_hash FROM users')).toEqual([
        { user_id: 'taro', display_name: '山田太郎', password_hash: 'scrypt$old' },
      ]);
      expect(await migrate(db, Date.now())).toEqual([]); // and again: nothing left to do
    });
  }, 60_000);

  it.skipIf(!open)('a database at every version but 2 (the release before sessions in the database) migrates', async () => {
    await withDatabase(open!, async (db) => {
      await migrateAsOlderRelease(db, MIGRATIONS.map((m) => m.version).filter((v) => v !== 2));
      expect(await migrate(db, Date.now())).toEqual([2]);
      expect(await columns(db, 'sessions')).toContain('csrf');
    });
  }, 60_000);

  it.skipIf(!open)('a fresh database takes every migration in order', async () => {
    await withDatabase(open!, async (db) => {
      expect(await migrate(db, Date.now())).toEqual(MIGRATIONS.map((m) => m.version));
    });
  }, 60_000);
});
