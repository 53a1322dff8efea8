// Whether a seed about to be stored is already in the vault: every key signs one fixed message,
// and equal outputs under the same algorithm and issuer mean the same seed.
import type { Sign } from '../core/algorithms.ts';
import type { TokenSpec } from '../core/token-spec.ts';
import type { StoredToken, TokenMeta } from './records.ts';
import { importSeed, signerFor } from './seal.ts';
import { openWith, type Wrapping } from './lock/wrapping.ts';

const PROBE = new TextEncoder().encode('soft-token duplicate probe');

export interface Probed {
  meta: TokenMeta;
  sign?: Sign;
  probe?: Promise<string>;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function sameIssuer(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

async function probeOf(sign: Sign): Promise<string> {
  return hex(await sign(PROBE));
}

/** The id of an open or pending token with the spec's seed and issuer, if any. */
export async function duplicateOf(spec: TokenSpec, open: Iterable<Probed>, pending: StoredToken[], wrapping: Wrapping | undefined): Promise<string | undefined> {
  const ours = (algorithm: StoredToken['algorithm']) => importSeed(spec.secret, algorithm).then((k) => probeOf(signerFor(k)));
  for (const t of open) {
    if (!t.sign || !sameIssuer(t.meta.issuer, spec.issuer)) continue;
    const theirs = await (t.probe ??= probeOf(t.sign));
    if (theirs === (await ours(t.meta.algorithm))) return t.meta.id;
  }
  // Within one batch, the same seed twice is a duplicate too.
  for (const r of pending) {
    if (!wrapping || !sameIssuer(r.issuer, spec.issuer)) continue;
    const other = await openWith(wrapping, r.wrapped, r.id, r.algorithm);
    if ((await probeOf(signerFor(other))) === (await ours(r.algorithm))) return r.id;
  }
  return undefined;
}
