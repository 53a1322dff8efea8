/**
 * The database remembers which master key sealed its seeds: a check value sealed under that key.
 * Another key fails to open it, and the service refuses to start (rather than answering 500 to
 * every code later); /readyz asks the same question.
 */
import { openSeed, sealSeed } from '../src/issuer/seal.ts';
import type { Queryable } from './db.ts';

const NAME = 'master-key-check';
const PLAIN = new TextEncoder().encode('soft-token master key check');

export class MasterKeyMismatch extends Error {
  override readonly name = 'MasterKeyMismatch';
  constructor() {
    super(
      'MASTER_KEY はこのデータベースを作った鍵と違います。正しい鍵を設定してください。\n' +
        'MASTER_KEY is not the key this database was made with (its seeds would not open). Start with the original key.',
    );
  }
}

/** Store the check value on first use; afterwards, true when `masterKey` opens it. */
export async function masterKeyMatches(db: Queryable, masterKey: CryptoKey): Promise<boolean> {
  const rows = await db.query<{ value: string }>('SELECT value FROM service_settings WHERE name = $1', [NAME]);
  if (!rows[0]) {
    const sealed = await sealSeed(masterKey, NAME, PLAIN);
    await db.query('INSERT INTO service_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [NAME, Buffer.from(sealed).toString('base64')]);
    return masterKeyMatches(db, masterKey); // another instance may have written first
  }
  try {
    await openSeed(masterKey, NAME, new Uint8Array(Buffer.from(rows[0].value, 'base64')));
    return true;
  } catch {
    return false;
  }
}

export async function assertMasterKey(db: Queryable, masterKey: CryptoKey): Promise<void> {
  if (!(await masterKeyMatches(db, masterKey))) throw new MasterKeyMismatch();
}
