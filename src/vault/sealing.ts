// New tokens sealed into records: each seed wrapped, duplicates of stored tokens (or of earlier
// specs in the same batch) skipped, and every spec's secret zeroed whatever happens.
import type { TokenSpec } from '../core/token-spec.ts';
import { duplicateOf, type Probed } from './duplicates.ts';
import { SCHEMA_VERSION, metaFromSpec, type StoredToken, type TokenMeta } from './records.ts';
import { importSeed } from './seal.ts';
import { sealWith, type Wrapping } from './lock/wrapping.ts';

export interface AddResult {
  added: TokenMeta[];
  skipped: { spec: TokenSpec; existingId: string }[];
}

export interface Sealed {
  records: StoredToken[];
  /** Each new record's signing key, by id. */
  keys: Map<string, CryptoKey>;
  skipped: AddResult['skipped'];
}

/** Seals `specs` under `wrapping`, ordered from `firstOrder` on. */
export async function sealSpecs(specs: TokenSpec[], stored: Iterable<Probed>, wrapping: Wrapping, firstOrder: number): Promise<Sealed> {
  const sealed: Sealed = { records: [], keys: new Map(), skipped: [] };
  const present = [...stored];
  let order = firstOrder;
  try {
    for (const spec of specs) {
      const existingId = await duplicateOf(spec, present, sealed.records, wrapping);
      if (existingId) {
        sealed.skipped.push({ spec, existingId });
        continue;
      }
      const id = crypto.randomUUID();
      sealed.keys.set(id, await importSeed(spec.secret, spec.algorithm));
      const meta = metaFromSpec(spec, { id, created: Date.now(), order: order++ });
      if (wrapping.scheme === 'vault-aes-gcm') meta.exposed = true;
      sealed.records.push({ v: SCHEMA_VERSION, ...meta, wrapped: await sealWith(wrapping, spec.secret, id) });
    }
  } finally {
    for (const spec of specs) spec.secret.fill(0);
  }
  return sealed;
}
