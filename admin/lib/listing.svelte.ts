/** A list fetched from the service and fetched again after each change; unreadable means empty. */
export class Listing<T> {
  items = $state<T[]>([]);
  readonly #fetch: () => Promise<T[]>;

  constructor(fetch: () => Promise<T[]>) {
    this.#fetch = fetch;
  }

  load = async (): Promise<void> => {
    try {
      this.items = await this.#fetch();
    } catch {
      this.items = [];
    }
  };
}
