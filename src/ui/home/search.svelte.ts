// The token search, offered when there are more than five tokens. Matches issuer, label and
// serial, ignoring case and full-width/half-width differences (NFKC).
import type { TokenMeta } from '../../vault/records.ts';

export { SEARCH_FROM } from './search-from.ts';

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

class Search {
  #query = $state('');

  get query(): string {
    return this.#query;
  }
  set query(value: string) {
    this.#query = value;
  }
  get active(): boolean {
    return this.#query.trim() !== '';
  }

  matches(token: TokenMeta): boolean {
    const q = fold(this.#query.trim());
    if (!q) return true;
    return [token.issuer, token.label, token.serial ?? ''].some((s) => fold(s).includes(q));
  }
}

export const search = new Search();
