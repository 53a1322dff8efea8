// The vault: tokens' metadata beside their sealed seeds, and the in-memory signing keys.
// Every write is one IndexedDB transaction (no half tokens); other tabs hear of it and reload.
import { entries, get, set, setMany, del, update, type UseStore } from 'idb-keyval';
import type { Sign } from '../core/algorithms.ts';
import type { TokenSpec } from '../core/token-spec.ts';
import { vaultStore } from './db.ts';
import { DuplicateTokenError, VaultStorageError, storageError } from './errors.ts';
import { migrate } from './migrations.ts';
import { TOKEN_PREFIX, VAULT_KEY, metaOf, tokenKey, type StoredToken, type TokenMeta } from './records.ts';
import { createVaultKey, importSeed, openSeed, sealSeed, signerFor } from './seal.ts';

const CHANNEL = 'soft-token-vault';
// A fixed message signed by every key: equal outputs under the same algorithm mean the same seed.
const PROBE = new TextEncoder().encode('soft-token duplicate probe');

interface OpenToken {
  meta: TokenMeta;
  sign?: Sign;
  probe?: Promise<string>;
}

export interface AddResult {
  added: TokenMeta[];
  skipped: { spec: TokenSpec; existingId: string }[];
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw storageError(e);
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function sameIssuer(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export class Vault {
  #store: UseStore;
  #key: CryptoKey | undefined;
  #tokens = new Map<string, OpenToken>();
  #broken = new Set<string>();
  #listeners = new Set<() => void>();
  #channel: BroadcastChannel | undefined;

  private constructor(store: UseStore) {
    this.#store = store;
    if (globalThis.BroadcastChannel) {
      this.#channel = new BroadcastChannel(CHANNEL);
      this.#channel.onmessage = () => void this.reload();
    }
  }

  static async open(): Promise<Vault> {
    const vault = new Vault(vaultStore());
    await guard(() => migrate(vault.#store));
    await vault.reload();
    return vault;
  }

  /** Tokens in the user's order. */
  list(): TokenMeta[] {
    return [...this.#tokens.values()].map((t) => t.meta).sort((a, b) => a.order - b.order || a.created - b.created);
  }

  /** Ids whose seed could not be opened: shown as their own error card. */
  broken(): ReadonlySet<string> {
    return this.#broken;
  }

  signer(id: string): Sign | undefined {
    return this.#tokens.get(id)?.sign;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#channel?.close();
    this.#listeners.clear();
  }

  /** Re-reads the store (after another tab's change) keeping the keys already open. */
  async reload(): Promise<void> {
    const rows = await guard(() => entries<string, StoredToken>(this.#store));
    const stored = rows.filter(([k]) => typeof k === 'string' && k.startsWith(TOKEN_PREFIX)).map(([, v]) => v);
    const seen = new Set<string>();
    const key = stored.length ? await this.#vaultKey(false) : undefined;
    for (const record of stored) {
      seen.add(record.id);
      const open = this.#tokens.get(record.id);
      if (open?.sign) {
        open.meta = metaOf(record);
        continue;
      }
      try {
        if (!key) throw new VaultStorageError('vault key missing');
        const hmac = await openSeed(key, record.wrapped, record.id, record.algorithm);
        this.#tokens.set(record.id, { meta: metaOf(record), sign: signerFor(hmac) });
        this.#broken.delete(record.id);
      } catch {
        this.#tokens.set(record.id, { meta: metaOf(record) });
        this.#broken.add(record.id);
      }
    }
    for (const id of [...this.#tokens.keys()]) if (!seen.has(id)) this.#forget(id);
    this.#emit(false);
  }

  /** Seals and stores each spec in one transaction; duplicates are skipped and reported. */
  async addMany(specs: TokenSpec[]): Promise<AddResult> {
    const key = await this.#vaultKey(true);
    if (!key) throw new VaultStorageError('no vault key');
    const result: AddResult = { added: [], skipped: [] };
    const records: StoredToken[] = [];
    let order = Math.max(0, ...this.list().map((t) => t.order + 1));
    const keys = new Map<string, CryptoKey>();
    try {
      for (const spec of specs) {
        const existingId = await this.#duplicateOf(spec, records);
        if (existingId) {
          result.skipped.push({ spec, existingId });
          continue;
        }
        const id = crypto.randomUUID();
        const hmac = await importSeed(spec.secret, spec.algorithm);
        keys.set(id, hmac);
        const meta: TokenMeta = {
          id, type: spec.type, issuer: spec.issuer, label: spec.label, algorithm: spec.algorithm,
          digits: spec.digits, period: spec.period, counter: spec.counter, created: Date.now(), order: order++,
          ...(spec.serial ? { serial: spec.serial } : {}),
        };
        records.push({ v: 1, ...meta, wrapped: await sealSeed(key, spec.secret, id) });
      }
    } finally {
      for (const spec of specs) spec.secret.fill(0);
    }
    if (records.length) await guard(() => setMany(records.map((r) => [tokenKey(r.id), r]), this.#store));
    for (const r of records) {
      this.#tokens.set(r.id, { meta: metaOf(r), sign: signerFor(keys.get(r.id)!) });
      result.added.push(metaOf(r));
    }
    if (records.length) this.#emit(true);
    return result;
  }

  /** Adds one token; a duplicate is refused with DuplicateTokenError. */
  async add(spec: TokenSpec): Promise<TokenMeta> {
    const { added, skipped } = await this.addMany([spec]);
    if (skipped[0]) throw new DuplicateTokenError(skipped[0].existingId);
    return added[0]!;
  }

  /** Whether a spec is already present (for the migration pick list), without storing anything. */
  async isDuplicate(spec: TokenSpec): Promise<boolean> {
    return (await this.#duplicateOf(spec, [])) !== undefined;
  }

  async remove(id: string): Promise<void> {
    await guard(() => del(tokenKey(id), this.#store));
    this.#forget(id);
    this.#emit(true);
  }

  async rename(id: string, label: string): Promise<void> {
    await this.#change(id, (t) => ({ ...t, label }));
  }

  /** Saves a new order: ids first to last. */
  async reorder(ids: string[]): Promise<void> {
    const records = (await guard(() => entries<string, StoredToken>(this.#store))).filter(([k]) => k.startsWith(TOKEN_PREFIX));
    const byId = new Map(records.map(([, r]) => [r.id, r]));
    const changed = ids.flatMap((id, order) => {
      const r = byId.get(id);
      return r ? [[tokenKey(id), { ...r, order }] as [string, StoredToken]] : [];
    });
    await guard(() => setMany(changed, this.#store));
    for (const [, r] of changed) {
      const open = this.#tokens.get(r.id);
      if (open) open.meta = metaOf(r);
    }
    this.#emit(true);
  }

  /** HOTP: the incremented counter is saved before the caller may show its code. */
  async advanceCounter(id: string): Promise<number> {
    const record = await this.#change(id, (t) => ({ ...t, counter: t.counter + 1 }));
    return record.counter;
  }

  async #change(id: string, edit: (t: StoredToken) => StoredToken): Promise<StoredToken> {
    let result: StoredToken | undefined;
    await guard(() =>
      update<StoredToken>(tokenKey(id), (t) => {
        if (!t) throw new VaultStorageError(`token ${id} is gone`);
        result = edit(t);
        return result;
      }, this.#store),
    );
    const open = this.#tokens.get(id);
    if (open && result) open.meta = metaOf(result);
    this.#emit(true);
    return result!;
  }

  async #duplicateOf(spec: TokenSpec, pending: StoredToken[]): Promise<string | undefined> {
    const candidates = [...this.#tokens.values()].filter((t) => t.sign && sameIssuer(t.meta.issuer, spec.issuer));
    for (const t of candidates) {
      const theirs = await (t.probe ??= t.sign!(PROBE).then(hex));
      const ours = hex(await signerFor(await importSeed(spec.secret, t.meta.algorithm))(PROBE));
      if (theirs === ours) return t.meta.id;
    }
    // Within one batch, the same seed twice is a duplicate too.
    for (const r of pending) {
      if (!sameIssuer(r.issuer, spec.issuer)) continue;
      const other = await openSeed(this.#key!, r.wrapped, r.id, r.algorithm);
      const a = hex(await signerFor(other)(PROBE));
      const b = hex(await signerFor(await importSeed(spec.secret, r.algorithm))(PROBE));
      if (a === b) return r.id;
    }
    return undefined;
  }

  /** The device's vault key, made once. Two tabs racing to make it agree on the first one stored. */
  async #vaultKey(create: boolean): Promise<CryptoKey | undefined> {
    if (this.#key) return this.#key;
    let key = await guard(() => get<CryptoKey>(VAULT_KEY, this.#store));
    if (!key && create) {
      const fresh = await createVaultKey();
      await guard(() => update<CryptoKey>(VAULT_KEY, (old) => old ?? fresh, this.#store));
      key = await guard(() => get<CryptoKey>(VAULT_KEY, this.#store));
    }
    this.#key = key;
    return key;
  }

  #forget(id: string): void {
    this.#tokens.delete(id);
    this.#broken.delete(id);
  }

  #emit(broadcast: boolean): void {
    if (broadcast) this.#channel?.postMessage('changed');
    for (const l of this.#listeners) l();
  }
}
