// Writes that must see the store as the writer last saw it, each in one IndexedDB transaction:
// a token sealed under a key another tab has since replaced is refused, never stored half-usable.
import type { UseStore } from 'idb-keyval';
import { VaultChangedError } from './errors.ts';
import { SCHEMA_VERSION, TOKEN_PREFIX, WRAP_GEN_KEY, type StoredToken, type WrappedSeed } from './records.ts';

type Body = (s: IDBObjectStore, abort: (reason: Error) => void) => void;

/** Runs `body` in one readwrite transaction; resolves when it commits, rejects with the abort reason. */
export function transact(store: UseStore, body: Body): Promise<void> {
  return store('readwrite', (s) =>
    new Promise<void>((resolve, reject) => {
      const tx = s.transaction;
      let reason: Error | undefined;
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(reason ?? tx.error);
      const abort = (r: Error) => {
        if (reason) return;
        reason = r;
        try {
          tx.abort();
        } catch {
          // already aborted by the browser: the reason stands
        }
      };
      try {
        body(s, abort);
      } catch (e) {
        abort(e as Error);
      }
    }),
  );
}

/** Stores tokens only if the wrapping generation is still `gen`. */
export function putTokensIfGen(store: UseStore, gen: string, rows: [string, StoredToken][]): Promise<void> {
  return transact(store, (s, abort) => {
    const current = s.get(WRAP_GEN_KEY);
    current.onsuccess = () => {
      if (current.result !== gen) return abort(new VaultChangedError('the seeds were re-wrapped in another tab'));
      // put() throws synchronously for DataCloneError (a browser refusing CryptoKeys) and may
      // for quota: keep that error as the reason, not the transaction's generic AbortError.
      try {
        for (const [k, v] of rows) s.put(v, k);
      } catch (e) {
        abort(e as Error);
      }
    };
  });
}

/** Edits several stored tokens from their current values (no stale copy of `wrapped` written back). */
export function editTokens(store: UseStore, edits: Map<string, (t: StoredToken) => StoredToken>): Promise<StoredToken[]> {
  const out: StoredToken[] = [];
  return transact(store, (s) => {
    for (const [k, edit] of edits) {
      const r = s.get(k);
      r.onsuccess = () => {
        if (!r.result) return;
        const next = edit(r.result as StoredToken);
        out.push(next);
        s.put(next, k);
      };
    }
  }).then(() => out);
}

export interface RewrapPlan {
  fromGen: string;
  toGen: string;
  /** Token key → the iv it had when re-wrapped (unchanged since), and its new wrapping. */
  seeds: Map<string, { before: Uint8Array; after: WrappedSeed }>;
  put: [string, unknown][];
  del: string[];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Swaps every seed's wrapping at once, or nothing if any token was added, removed or re-wrapped meanwhile. */
export function commitRewrap(store: UseStore, plan: RewrapPlan): Promise<void> {
  return transact(store, (s, abort) => {
    const gen = s.get(WRAP_GEN_KEY);
    const keys = s.getAllKeys();
    keys.onsuccess = () => {
      if (gen.result !== plan.fromGen) return abort(new VaultChangedError('generation changed'));
      const tokenKeys = keys.result.filter((k): k is string => typeof k === 'string' && k.startsWith(TOKEN_PREFIX));
      if (tokenKeys.length !== plan.seeds.size || tokenKeys.some((k) => !plan.seeds.has(k)))
        return abort(new VaultChangedError('tokens added or removed'));
      for (const k of tokenKeys) {
        const r = s.get(k);
        r.onsuccess = () => {
          const t = r.result as StoredToken;
          const p = plan.seeds.get(k)!;
          if (!sameBytes(t.wrapped.iv, p.before)) return abort(new VaultChangedError('token re-wrapped'));
          // Metadata (label, HOTP counter) is taken as stored now, only the wrapping changes.
          const exposed = t.exposed || p.after.scheme === 'vault-aes-gcm' ? { exposed: true as const } : {};
          s.put({ ...t, v: SCHEMA_VERSION, wrapped: p.after, ...exposed }, k);
        };
      }
      for (const [k, v] of plan.put) s.put(v, k);
      for (const k of plan.del) s.delete(k);
      s.put(plan.toGen, WRAP_GEN_KEY);
    };
  });
}
