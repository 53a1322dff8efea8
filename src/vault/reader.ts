// The vault read once and only read, for the first paint: one IndexedDB transaction, the seeds
// opened under the device's vault key, nothing written. What needs more (an older schema to
// migrate, an app lock, an empty or missing store) is the full vault's (vault.ts): the reader then
// answers undefined and the app opens the vault itself. It shares the stored shapes (records.ts)
// and the seed opening (openSigner) with vault.ts, so both read a record the same way.
import { entries } from 'idb-keyval';
import type { Sign } from '../core/algorithms.ts';
import { VAULT_CHANNEL, openedStore } from './store-handle.ts';
import { LOCK_KEY, SCHEMA_KEY, SCHEMA_VERSION, TOKEN_PREFIX, VAULT_KEY, WRAP_GEN_KEY, inUserOrder, metaOf, type StoredToken, type TokenMeta } from './records.ts';
import { signerFor } from './seal.ts';
import { openWith, type Wrapping } from './lock/unwrap.ts';

/** The plain cards as stored, with a signer for each seed that opened. */
export interface VaultRead {
  /** Tokens in the user's order. */
  tokens: TokenMeta[];
  /** Ids whose seed could not be opened (shown as their own error card). */
  broken: ReadonlySet<string>;
  signer(id: string): Sign | undefined;
}

/** The vault key's wrapping from rows already read (entries()), if both key and generation are there. */
export function storedVaultKey(rows: readonly [unknown, unknown][]): Wrapping | undefined {
  const key = rows.find(([k]) => k === VAULT_KEY)?.[1] as CryptoKey | undefined;
  const gen = rows.find(([k]) => k === WRAP_GEN_KEY)?.[1] as string | undefined;
  return key && gen ? { scheme: 'vault-aes-gcm', key, gen } : undefined;
}

/** A stored seed straight into a signer (a non-extractable HMAC key). Throws when it does not open. */
export async function openSigner(wrapping: Wrapping | undefined, record: StoredToken): Promise<Sign> {
  if (!wrapping) throw new Error('vault key missing');
  return signerFor(await openWith(wrapping, record.wrapped, record.id, record.algorithm));
}

/**
 * The vault's tokens when it is at the current schema, has no lock and holds at least one token;
 * undefined otherwise (and where IndexedDB is missing or fails), for the full vault to handle.
 */
export async function readVault(): Promise<VaultRead | undefined> {
  const store = openedStore();
  if (!store) return undefined;
  const rows = await entries<IDBValidKey, unknown>(store);
  const value = (key: string) => rows.find(([k]) => k === key)?.[1];
  if (value(SCHEMA_KEY) !== SCHEMA_VERSION || value(LOCK_KEY) !== undefined) return undefined;
  const stored = rows.filter(([k]) => typeof k === 'string' && k.startsWith(TOKEN_PREFIX)).map(([, v]) => v as StoredToken);
  if (stored.length === 0) return undefined;
  const wrapping = storedVaultKey(rows);
  const signers = new Map<string, Sign>();
  const broken = new Set<string>();
  // All seeds at once: WebCrypto works off the main thread (as Vault.reload does).
  await Promise.all(
    stored.map((record) =>
      openSigner(wrapping, record).then(
        (sign) => signers.set(record.id, sign),
        () => broken.add(record.id),
      ),
    ),
  );
  return { tokens: inUserOrder(stored.map(metaOf)), broken, signer: (id) => signers.get(id) };
}

/** Calls `changed` whenever another tab writes to the vault; returns the stop. */
export function watchVault(changed: () => void): () => void {
  if (!globalThis.BroadcastChannel) return () => {};
  const channel = new BroadcastChannel(VAULT_CHANNEL);
  channel.onmessage = () => changed();
  return () => channel.close();
}
