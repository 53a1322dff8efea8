// The one state object over the vault in the UI: the token list, the lock's state, and every
// operation the screens make on the vault, kept in step with other tabs. No other module holds
// the Vault; the rule for changing the lock (its PIN or passkey first) is the vault's own.
import type { Sign } from '../../core/algorithms.ts';
import type { TokenSpec } from '../../core/token-spec.ts';
import type { LockConfig, TokenMeta } from '../../vault/records.ts';
import type { Vault, AddResult, LockProof } from '../../vault/vault.ts';
import { openVault } from './vault-opening.ts';
import { isSigningKey, signingKeyOf } from './token-list.ts';

export type LockState = 'off' | 'locked' | 'unlocked' | 'unknown';

class TokenVault {
  #vault: Vault | undefined;
  #list = $state<TokenMeta[]>([]);
  // Bank tokens' separate signing keys: not cards of their own, but the signing action of one.
  #signingKeys = $state<TokenMeta[]>([]);
  #broken = $state<ReadonlySet<string>>(new Set());
  #ready = $state(false);
  #error = $state<unknown>(undefined);
  #lockState = $state<LockState>('unknown');
  #lockKind = $state<LockConfig['kind'] | undefined>(undefined);
  #exposed = $state(0);
  #opening: Promise<Vault> | undefined;
  #listeners = new Set<() => void>();

  get list(): TokenMeta[] {
    return this.#list;
  }
  get ready(): boolean {
    return this.#ready;
  }
  /** Why the vault could not be opened at all (storage unavailable), if it could not. */
  get error(): unknown {
    return this.#error;
  }
  /** The key that signs for `token`: itself for an OCRA token, else its bank signing key, if any. */
  signingKeyOf(token: TokenMeta): TokenMeta | undefined {
    return signingKeyOf(token, this.#signingKeys);
  }
  /** A card's token or a signing key, by id. */
  find(id: string): TokenMeta | undefined {
    return this.#list.find((x) => x.id === id) ?? this.#signingKeys.find((x) => x.id === id);
  }
  /** 'unknown' until the vault is open. */
  get lockState(): LockState {
    return this.#lockState;
  }
  get lockKind(): LockConfig['kind'] | undefined {
    return this.#lockKind;
  }
  /** Tokens once stored under the device's vault key: with a lock on, copies may remain on disk. */
  get exposed(): number {
    return this.#exposed;
  }
  get locked(): boolean {
    return this.#lockState === 'locked';
  }
  isBroken(id: string): boolean {
    return this.#broken.has(id);
  }
  signer(id: string): Sign | undefined {
    return this.#vault?.signer(id);
  }

  /** Called after every change (this tab's or another's), once the vault is open. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  open(): Promise<Vault> {
    this.#opening ??= openVault().then(
      (vault) => {
        this.#vault = vault;
        vault.onChange(() => this.#refresh());
        this.#refresh();
        return vault;
      },
      (e) => {
        this.#error = e;
        this.#ready = true;
        this.#opening = undefined;
        throw e;
      },
    );
    return this.#opening;
  }

  async addMany(specs: TokenSpec[]): Promise<AddResult> {
    return (await this.open()).addMany(specs);
  }
  async add(spec: TokenSpec): Promise<TokenMeta> {
    return (await this.open()).add(spec);
  }
  async isDuplicate(spec: TokenSpec): Promise<boolean> {
    return (await this.open()).isDuplicate(spec);
  }
  /** Removes a token together with its signing key: the key is only usable through the card. */
  async remove(id: string) {
    const vault = await this.open();
    const token = this.find(id);
    const key = token && token.type !== 'ocra' ? this.signingKeyOf(token) : undefined;
    await vault.remove(id);
    if (key) await vault.remove(key.id);
  }
  async rename(id: string, label: string) {
    await (await this.open()).rename(id, label);
  }
  async reorder(ids: string[]) {
    await (await this.open()).reorder(ids);
  }
  async advanceCounter(id: string): Promise<number> {
    return (await this.open()).advanceCounter(id);
  }

  // The app lock: the vault refuses a change without the lock's PIN or passkey (`proof`).
  lockNow() {
    this.#vault?.lock();
  }
  async unlockWithPin(pin: string) {
    await (await this.open()).unlockWithPin(pin);
  }
  async unlockWithPasskey() {
    await (await this.open()).unlockWithPasskey();
  }
  async setPin(pin: string, proof?: LockProof) {
    await (await this.open()).setPin(pin, proof);
  }
  async setPasskey(proof?: LockProof) {
    await (await this.open()).setPasskey(proof);
  }
  async turnOff(proof: LockProof) {
    await (await this.open()).turnOff(proof);
  }

  #refresh() {
    const vault = this.#vault;
    if (!vault) return;
    const all = vault.list();
    this.#list = all.filter((x) => !isSigningKey(x));
    this.#signingKeys = all.filter(isSigningKey);
    this.#broken = new Set(vault.broken());
    this.#lockState = vault.lockState();
    this.#lockKind = vault.lockKind();
    this.#exposed = vault.exposed().length;
    this.#ready = true;
    this.#error = undefined;
    for (const l of this.#listeners) l();
  }
}

export const tokens = new TokenVault();
