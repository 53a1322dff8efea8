// The databases the service tests run on: the embedded one always, PostgreSQL when DATABASE_URL is
// set (each run in a schema of its own, dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openPglite, openPostgres, type Db } from '../../../server/db.ts';

export type Backend = [string, (() => Promise<{ db: Db; cleanup: () => Promise<void> }>) | null];

/** `prefix` names the temporary folder and schema, so a leftover says which test made it. */
export function backends(prefix: string): Backend[] {
  return [
    ['embedded database (PGlite)', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `soft-token-${prefix}-`));
      const db = await openPglite(dir);
      return { db, cleanup: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    }],
    ['PostgreSQL (DATABASE_URL)', process.env.DATABASE_URL ? async () => {
      const url = process.env.DATABASE_URL!;
      const { schema, drop } = await freshSchema(url, prefix);
      const db = await openPostgres(url, schema);
      return { db, cleanup: async () => { await db.close(); await drop(); } };
    } : null],
  ];
}

/** One database as two service instances see it: PGlite's one (twice), or PostgreSQL from two pools. */
export type TwoPools = { dbs: [Db, Db]; cleanup: () => Promise<void> };

export function twoPoolBackends(prefix: string): Array<[string, (() => Promise<TwoPools>) | null]> {
  return [
    ['PGlite', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `soft-token-${prefix}-`));
      const db = await openPglite(dir);
      return { dbs: [db, db], cleanup: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
    }],
    ['PostgreSQL, two instances', process.env.DATABASE_URL ? async () => {
      const url = process.env.DATABASE_URL!;
      const { schema, drop } = await freshSchema(url, prefix);
      const a = await openPostgres(url, schema);
      const b = await openPostgres(url, schema);
      return { dbs: [a, b], cleanup: async () => { await a.close(); await b.close(); await drop(); } };
    } : null],
  ];
}

/**
 * `title on <database>` for each of `list`, `body` given its opener; a database that cannot be
 * opened here (PostgreSQL without DATABASE_URL) is one skipped test that says so.
 */
export function describeOnEach<O>(list: Array<[string, (() => Promise<O>) | null]>, title: string, body: (open: () => Promise<O>) => void): void {
  describe.each(list)(`${title} on %s`, (_name, open) => {
    if (!open) return void it.skip('needs DATABASE_URL', () => {});
    body(open);
  });
}

/** Runs `use` on a database `open` makes, cleaned up afterwards whatever `use` does. */
export async function withDatabase(open: NonNullable<Backend[1]>, use: (db: Db) => Promise<void>): Promise<void> {
  const { db, cleanup } = await open();
  try {
    await use(db);
  } finally {
    await cleanup();
  }
}

export function postgresSchemaUrl(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A new schema named after `prefix` (so a leftover says which test made it), and its drop. */
export async function freshSchema(url: string, prefix = 'test'): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `soft_token_${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  return { schema, drop: async () => { await admin.query(`DROP SCHEMA ${schema} CASCADE`); await admin.end(); } };
}
