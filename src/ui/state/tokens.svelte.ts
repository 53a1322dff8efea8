// The token list the screens show: the vault's metadata, reactive, kept in step with other tabs.
import type { Sign } from '../../core/algorithms.ts';
import type { TokenSpec } from '../../core/token-spec.ts';
import type { TokenMeta } from '../../vault/records.ts';
import { Vault, type AddResult } from '../../vault/vault.ts';

class Tokens {
  #vault: Vault | undefined;
  #list = $state<TokenMeta[]>([]);
  // Bank tokens' separate signing keys: not cards of their own, but the signing action of one.
  #signingKeys = $state<TokenMeta[]>([]);
  #broken = $state<ReadonlySet<string>>(new Set());
  #ready = $state(false);
  #error = $state<unknown>(undefined);
  #opening: Promise<Vault> | undefined;

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
    if (token.type === 'ocra') return token;
    return token.serial ? this.#signingKeys.find((k) => k.type === 'ocra' && k.signingFor === token.serial) : undefined;
  }
  /** A card's token or a signing key, by id. */
  find(id: string): TokenMeta | undefined {
    return this.#list.find((x) => x.id === id) ?? this.#signingKeys.find((x) => x.id === id);
  }
  isBroken(id: string): boolean {
    return this.#broken.has(id);
  }
  signer(id: string): Sign | undefined {
    return this.#vault?.signer(id);
  }

  open(): Promise<Vault> {
    this.#opening ??= Vault.open().then(
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

  #refresh() {
    if (!this.#vault) return;
    const all = this.#vault.list();
    this.#list = all.filter((x) => x.type !== 'ocra' || !x.signingFor);
    this.#signingKeys = all.filter((x) => x.type === 'ocra' && !!x.signingFor);
    this.#broken = new Set(this.#vault.broken());
    this.#ready = true;
    this.#error = undefined;
  }
}

export const tokens = new Tokens();
