// The vault: tokens' metadata beside their sealed seeds, and the in-memory signing keys.
// Every write is one IndexedDB transaction (no half tokens); other tabs hear of it and reload.
import { entries, del, update, type UseStore } from 'idb-keyval';
import type { Sign } from '../core/algorithms.ts';
import type { TokenSpec } from '../core/token-spec.ts';
import { VAULT_CHANNEL, vaultStore } from './db.ts';
import { DuplicateTokenError, VaultLockedError, VaultStorageError, guard } from './errors.ts';
import { duplicateOf, type Probed } from './duplicates.ts';
import { migrate } from './migrations.ts';
import { LOCK_KEY, TOKEN_PREFIX, VAULT_KEY, WRAP_GEN_KEY, inUserOrder, metaOf, tokenKey, type LockConfig, type StoredToken, type TokenMeta } from './records.ts';
import { createVaultKey, signerFor } from './seal.ts';
import { sealSpecs, type AddResult } from './sealing.ts';
import { storedGen, vaultKeyWrapping } from './vault-key.ts';
import { editTokens, putTokensIfGen } from './checked-writes.ts';
import { randomGen, type Wrapping } from './lock/wrapping.ts';
import { openSigner, storedVaultKey } from './reader.ts';
import type { LockProof } from './lock/proof.ts';
import type { UnlockDelay } from './lock/throttle.ts';

const lockOps = () => import('./lock/lock-ops.ts');

type OpenToken = Probed;

export type { LockProof };

export type { AddResult };

export class Vault {
  #store: UseStore;
  // The key the seeds are wrapped under now (vault key, or the lock's key once unlocked).
  #wrapping: Wrapping | undefined;
  #lock: LockConfig | undefined;
  #tokens = new Map<string, OpenToken>();
  #broken = new Set<string>();
  #listeners = new Set<() => void>();
  #channel: BroadcastChannel | undefined;
  #delay: UnlockDelay | undefined;

  private constructor(store: UseStore) {
    this.#store = store;
    if (globalThis.BroadcastChannel) {
      this.#channel = new BroadcastChannel(VAULT_CHANNEL);
      // 'lock': the user locked another tab; every tab drops its keys.
      this.#channel.onmessage = (e) => (e.data === 'lock' ? this.lock(false) : void this.reload().catch(() => {}));
    }
  }

  static async open(): Promise<Vault> {
    const vault = new Vault(vaultStore());
    await guard(() => migrate(vault.#store));
    await vault.reload();
    // A wait left by wrong PINs goes on being served while the app is open.
    if (vault.#lock) {
      const delay = await vault.#unlockDelay();
      if ((await delay.read()).waitMs > 0) delay.serve();
    }
    return vault;
  }

  /** Tokens in the user's order. */
  list(): TokenMeta[] {
    return inUserOrder([...this.#tokens.values()].map((t) => t.meta));
  }

  /** Tokens once wrapped under the stored vault key: with a lock on, copies may remain on disk. */
  exposed(): TokenMeta[] {
    return this.list().filter((t) => t.exposed);
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
    this.#delay?.close();
    this.#listeners.clear();
  }

  /** 'off': no app lock; 'locked': seeds wrapped under a PIN or passkey not entered yet. */
  lockState(): 'off' | 'locked' | 'unlocked' {
    if (!this.#lock) return 'off';
    return this.#wrapping ? 'unlocked' : 'locked';
  }

  lockKind(): LockConfig['kind'] | undefined {
    return this.#lock?.kind;
  }

  /** Re-reads the store (after another tab's change) keeping the keys already open. */
  async reload(): Promise<void> {
    const rows = await guard(() => entries<string, unknown>(this.#store));
    const stored = rows.filter(([k]) => typeof k === 'string' && k.startsWith(TOKEN_PREFIX)).map(([, v]) => v as StoredToken);
    this.#lock = rows.find(([k]) => k === LOCK_KEY)?.[1] as LockConfig | undefined;
    const gen = rows.find(([k]) => k === WRAP_GEN_KEY)?.[1] as string | undefined;
    if (this.#wrapping && this.#wrapping.gen !== gen) {
      // Another tab re-wrapped the seeds: a lock turned on there locks this tab too.
      this.#wrapping = undefined;
      if (this.#lock) this.#dropKeys();
    }
    const seen = new Set<string>();
    // The vault key is in the rows just read: no second trip to IndexedDB before the first code.
    if (stored.length > 0 && !this.#lock && !this.#wrapping) this.#wrapping = storedVaultKey(rows);
    const wrapping = this.#wrapping;
    // All seeds open at once: WebCrypto works off the main thread, and one after another the
    // 20th token would wait 20 round trips before the first code shows (the first-code budget in bench/run.ts).
    await Promise.all(
      stored.map(async (record) => {
        seen.add(record.id);
        const open = this.#tokens.get(record.id);
        if (open?.sign || (this.#lock && !wrapping)) {
          if (open) open.meta = metaOf(record);
          else this.#tokens.set(record.id, { meta: metaOf(record) });
          return;
        }
        try {
          this.#tokens.set(record.id, { meta: metaOf(record), sign: await openSigner(wrapping, record) });
          this.#broken.delete(record.id);
        } catch {
          this.#tokens.set(record.id, { meta: metaOf(record) });
          this.#broken.add(record.id);
        }
      }),
    );
    for (const id of [...this.#tokens.keys()]) if (!seen.has(id)) this.#forget(id);
    this.#emit(false);
  }

  /** Seals and stores each spec in one transaction; duplicates are skipped and reported. */
  async addMany(specs: TokenSpec[]): Promise<AddResult> {
    const wrapping = await this.#currentWrapping(true);
    if (!wrapping) throw new VaultStorageError('no vault key');
    const firstOrder = Math.max(0, ...this.list().map((t) => t.order + 1));
    const { records, keys, skipped } = await sealSpecs(specs, this.#tokens.values(), wrapping, firstOrder);
    const result: AddResult = { added: [], skipped };
    if (records.length) await guard(() => putTokensIfGen(this.#store, wrapping.gen, records.map((r) => [tokenKey(r.id), r])));
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
    return (await duplicateOf(spec, this.#tokens.values(), [], this.#wrapping)) !== undefined;
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
    // Read and written in one transaction, so a seed re-wrapped meanwhile is never written back stale.
    const edits = new Map(ids.map((id, order) => [tokenKey(id), (r: StoredToken) => ({ ...r, order })]));
    const changed = await guard(() => editTokens(this.#store, edits));
    for (const r of changed) {
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

  /** The key new seeds are wrapped under: the lock's key once unlocked, else the device's vault key. */
  async #currentWrapping(create: boolean): Promise<Wrapping | undefined> {
    if (this.#wrapping) return this.#wrapping;
    if (this.#lock) throw new VaultLockedError('locked');
    return (this.#wrapping = await vaultKeyWrapping(this.#store, create));
  }

  // ── App lock (src/vault/lock, SECURITY.md) ──

  /**
   * Opens every seed with the PIN. A PIN passing the 8-bit check but wrong opens wrong seeds, by
   * design. A lock from a weaker key derivation (PBKDF2) is re-wrapped under Argon2id here.
   */
  async unlockWithPin(pin: string): Promise<void> {
    if (this.#lock?.kind !== 'pin') throw new VaultStorageError('no PIN lock');
    const gen = (await storedGen(this.#store)) ?? '';
    const { unlockPinLock } = await lockOps();
    const { wrapping, lock } = await unlockPinLock(this.#store, this.#lock, pin, gen, await this.#unlockDelay());
    this.#switchTo(wrapping, lock);
    await this.reload();
  }

  async unlockWithPasskey(): Promise<void> {
    if (this.#lock?.kind !== 'prf') throw new VaultStorageError('no passkey lock');
    const gen = await storedGen(this.#store);
    const { prfKey, prfWrapping } = await lockOps();
    this.#wrapping = prfWrapping(await prfKey(this.#lock), gen ?? '');
    await this.reload();
  }

  /** Drops every key from memory (signers and the lock's key); a no-op without a lock. */
  lock(broadcast = true): void {
    if (!this.#lock) return;
    this.#wrapping = undefined;
    this.#dropKeys();
    if (broadcast) this.#channel?.postMessage('lock');
    this.#emit(false);
  }

  /**
   * Turns the PIN lock on, or changes the PIN; every seed is re-wrapped in one transaction.
   * With a lock on, `proof` must be the lock's own PIN or passkey (see #prove).
   */
  async setPin(pin: string, proof?: LockProof): Promise<void> {
    await this.#prove(proof);
    const { newPinLock } = await lockOps();
    const { config, wrapping } = await newPinLock(pin, randomGen());
    await this.#rewrap(wrapping, config);
  }

  /** Turns the passkey lock on (WebAuthn PRF); refuses where the browser or authenticator lacks PRF. */
  async setPasskey(proof?: LockProof): Promise<void> {
    await this.#prove(proof);
    const { createPrfCredential, prfWrapping } = await lockOps();
    const { config, key } = await createPrfCredential();
    await this.#rewrap(prfWrapping(key, randomGen()), config);
  }

  /** Turns the lock off: a fresh vault key wraps every seed again. Needs the lock's PIN or passkey. */
  async turnOff(proof: LockProof): Promise<void> {
    if (!this.#lock) return;
    await this.#prove(proof);
    await this.#rewrap({ scheme: 'vault-aes-gcm', key: await createVaultKey(), gen: randomGen() }, undefined);
  }

  async #prove(proof: LockProof | undefined): Promise<void> {
    if (this.#lock) await (await lockOps()).proveHolder(this.#lock, this.#wrapping, proof, await this.#unlockDelay());
  }

  async #unlockDelay(): Promise<UnlockDelay> {
    return (this.#delay ??= new (await lockOps()).UnlockDelay(this.#store));
  }

  /** Moves every seed to `to` with the lock record change; a first lock on an empty vault makes no vault key. */
  async #rewrap(to: Wrapping, lock: LockConfig | undefined): Promise<void> {
    const from = this.#wrapping ?? (await this.#currentWrapping(false));
    const gen = from?.gen ?? (await storedGen(this.#store)) ?? '';
    const put: [string, unknown][] = lock ? [[LOCK_KEY, lock]] : [[VAULT_KEY, to.key]];
    await (await lockOps()).rewrapAll(this.#store, from, gen, to, { put, del: lock ? [VAULT_KEY] : [LOCK_KEY] });
    this.#switchTo(to, lock);
    await this.reload(); // the records' new metadata (exposed)
  }

  #switchTo(wrapping: Wrapping, lock: LockConfig | undefined): void {
    this.#wrapping = wrapping;
    this.#lock = lock;
    this.#emit(true);
  }

  #dropKeys(): void {
    for (const t of this.#tokens.values()) {
      t.sign = undefined;
      t.probe = undefined;
    }
    this.#broken.clear();
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
