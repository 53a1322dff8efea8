// Schema upgrades, gated on the stored version number. Each step has a stored fixture test of
// the shape before it (tests/browser/vault-migration.test.ts). Steps are idempotent: two tabs
// may run one at the same time.
import { get, set, type UseStore } from 'idb-keyval';
import {
  LOCK_KEY, SCHEMA_KEY, SCHEMA_VERSION, THROTTLE_KEY, TOKEN_PREFIX, WRAP_GEN_KEY, type LockConfig, type PinConfigV2, type StoredToken,
} from './records.ts';
import { VaultStorageError } from './errors.ts';
import { transact } from './checked-writes.ts';
import { randomGen } from './lock/wrapping.ts';
import { delayAfter } from './lock/delay-schedule.ts';

/** Rewrites every token record in one transaction (`edit` sees each as stored). */
function editRecords(store: UseStore, edit: (r: StoredToken) => StoredToken): Promise<void> {
  return transact(store, (s) => {
    const keys = s.getAllKeys();
    keys.onsuccess = () => {
      for (const k of keys.result) {
        if (typeof k !== 'string' || !k.startsWith(TOKEN_PREFIX)) continue;
        const r = s.get(k);
        r.onsuccess = () => s.put(edit(r.result as StoredToken), k);
      }
    };
  });
}

const steps: Record<number, (store: UseStore) => Promise<void>> = {
  // v2 (app lock): the wrapping generation every token write checks; records marked v2.
  2: (store) =>
    transact(store, (s) => {
      const gen = s.get(WRAP_GEN_KEY);
      gen.onsuccess = () => {
        if (typeof gen.result !== 'string') s.put(randomGen(), WRAP_GEN_KEY);
      };
      const keys = s.getAllKeys();
      keys.onsuccess = () => {
        for (const k of keys.result) {
          if (typeof k !== 'string' || !k.startsWith(TOKEN_PREFIX)) continue;
          const r = s.get(k);
          r.onsuccess = () => s.put({ ...(r.result as StoredToken), v: 2 }, k);
        }
      };
    }),
  // v3 (token types): records may be OCRA signing keys (`type: 'ocra'`, `suite`, `signingFor`),
  // which a v2 app would show as TOTP codes; the bump makes such an app refuse instead. TOTP and
  // HOTP records already had the fields their type modules read; they are only marked v3.
  3: (store) => editRecords(store, (r) => ({ ...r, v: 3 })),
  // v4 (Argon2id): the PIN lock names its key derivation (v2 locks were PBKDF2; the seeds move to
  // Argon2id at the next unlock, which needs the PIN); the delay is a wait to serve, not a wall-clock
  // instant; every earlier token is marked exposed (it may have been under the stored vault key).
  4: (store) =>
    transact(store, (s) => {
      const lock = s.get(LOCK_KEY);
      lock.onsuccess = () => {
        const old = lock.result as PinConfigV2 | LockConfig | undefined;
        if (old?.kind === 'pin' && 'iterations' in old) {
          const next: LockConfig = { kind: 'pin', kdf: { name: 'pbkdf2-sha256', iterations: old.iterations }, salt: old.salt, check: old.check };
          s.put(next, LOCK_KEY);
        }
      };
      const throttle = s.get(THROTTLE_KEY);
      throttle.onsuccess = () => {
        const old = throttle.result as { failures?: number; until?: number; waitMs?: number } | undefined;
        if (!old || old.waitMs !== undefined) return;
        const failures = old.failures ?? 0;
        s.put({ failures, waitMs: Math.min(delayAfter(failures), Math.max(0, (old.until ?? 0) - Date.now())) }, THROTTLE_KEY);
      };
      const keys = s.getAllKeys();
      keys.onsuccess = () => {
        for (const k of keys.result) {
          if (typeof k !== 'string' || !k.startsWith(TOKEN_PREFIX)) continue;
          const r = s.get(k);
          r.onsuccess = () => {
            const t = r.result as StoredToken;
            if (t.v < 4) s.put({ ...t, v: 4, exposed: true }, k);
          };
        }
      };
    }),
};

export async function migrate(store: UseStore): Promise<void> {
  let version = (await get<number>(SCHEMA_KEY, store)) ?? 0;
  if (version > SCHEMA_VERSION) throw new VaultStorageError(`stored schema v${version} is newer than this app (v${SCHEMA_VERSION})`);
  while (version < SCHEMA_VERSION) {
    await steps[version + 1]?.(store);
    version += 1;
    await set(SCHEMA_KEY, version, store);
  }
}
