// Storage loss is the user's worst case. Ask for persistent storage at the first enrollment, show
// the answer, and notice tokens gone since the last visit through a marker kept outside IndexedDB
// (localStorage: eviction under pressure takes IndexedDB, and a partial wipe leaves the marker).
import { tokens } from '../state/tokens.svelte.ts';
import { MARKER, missingSinceLastVisit } from './token-marker.ts';

const ASKED = 'soft-token.persist-asked';

class DurableStorage {
  #persisted = $state<boolean | undefined>(undefined);
  #lost = $state(0);

  /** true: kept; false: may be evicted; undefined: the browser does not say. */
  get persisted() {
    return this.#persisted;
  }
  /** How many tokens of the last visit are missing now (0: none). */
  get lost() {
    return this.#lost;
  }

  start(): () => void {
    let off = () => {};
    void this.refresh();
    tokens.open().then(() => {
      this.#lost = missingSinceLastVisit(tokens.list.map((t) => t.id));
      let count = tokens.list.length;
      const save = () => {
        const ids = tokens.list.map((t) => t.id);
        localStorage.setItem(MARKER, JSON.stringify(ids));
        if (ids.length > count && !localStorage.getItem(ASKED)) void this.request();
        count = ids.length;
      };
      // Keep the old marker while the loss is on screen, so a reload shows it again.
      if (!this.#lost) save();
      off = tokens.onChange(save);
    }, () => {});
    return () => off();
  }

  async refresh() {
    this.#persisted = await globalThis.navigator?.storage?.persisted?.().catch(() => undefined);
  }

  /** Asks the browser; Chromium decides by site engagement and installation, others may prompt. */
  async request() {
    localStorage.setItem(ASKED, '1');
    this.#persisted = await globalThis.navigator?.storage?.persist?.().catch(() => undefined);
  }

  dismissLoss() {
    this.#lost = 0;
    void tokens.open().then(() => localStorage.setItem(MARKER, JSON.stringify(tokens.list.map((t) => t.id))));
  }
}

export const durableStorage = new DurableStorage();
