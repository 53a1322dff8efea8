// Schema upgrades, gated on the stored version number. v1 is the first schema; a future
// version adds a step here and a stored fixture test of the old shape (tests/browser/vault-*).
import { get, set, type UseStore } from 'idb-keyval';
import { SCHEMA_KEY, SCHEMA_VERSION } from './records.ts';
import { VaultStorageError } from './errors.ts';

const steps: Record<number, (store: UseStore) => Promise<void>> = {};

export async function migrate(store: UseStore): Promise<void> {
  let version = (await get<number>(SCHEMA_KEY, store)) ?? 0;
  if (version > SCHEMA_VERSION) throw new VaultStorageError(`stored schema v${version} is newer than this app (v${SCHEMA_VERSION})`);
  while (version < SCHEMA_VERSION) {
    await steps[version + 1]?.(store);
    version += 1;
    await set(SCHEMA_KEY, version, store);
  }
}
