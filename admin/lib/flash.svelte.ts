/**
 * The one outcome message on a screen. Each form or row names itself as the owner and shows the
 * message only when it owns it, so a page never shows two stale alerts at once.
 */
class Flash {
  #owner = $state<string | null>(null);
  #kind = $state<'status' | 'alert'>('status');
  #text = $state('');

  show(owner: string, kind: 'status' | 'alert', text: string): void {
    this.#owner = owner;
    this.#kind = kind;
    this.#text = text;
  }

  clear(): void {
    this.#owner = null;
  }

  /** The message for `owner`, or null when it belongs elsewhere. */
  for(owner: string): { kind: 'status' | 'alert'; text: string } | null {
    return this.#owner === owner ? { kind: this.#kind, text: this.#text } : null;
  }
}

export const flash = new Flash();
