// The token list the screens show: the vault's metadata, reactive, kept in step with other tabs.
import type { Sign } from '../../core/algorithms.ts';
import type { TokenSpec } from '../../core/token-spec.ts';
import type { TokenMeta } from '../../vault/records.ts';
import { Vault, type AddResult } from '../../vault/vault.ts';

class Tokens {
  #vault: Vault | undefined;
  #list = $state<TokenMeta[]>([]);
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
  async remove(id: string) {
    await (await this.open()).remove(id);
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
    this.#list = this.#vault.list();
    this.#broken = new Set(this.#vault.broken());
    this.#ready = true;
    this.#error = undefined;
  }
}

export const tokens = new Tokens();
