/** What every part of the issuer shares: the store, the keys, the audit writer, the settings. */
import type { HashAlgorithm, Sign } from '../core/algorithms.ts';
import type { AuditQueue } from './audit-queue.ts';
import { IssuerError } from './errors.ts';
import type { OpenSeed } from './seal.ts';
import type { CompanyRecord, IssuerStore, IssuerTx } from './types.ts';
import type { Verifier } from './verifier.ts';

export interface PinHasher {
  hash(pin: string): Promise<string>;
  verify(pin: string, hash: string): Promise<boolean>;
}

export interface IssuerOptions {
  store: IssuerStore;
  /** AES-GCM key sealing seeds at rest (seal.ts importMasterKey). */
  masterKey: CryptoKey;
  pinHasher: PinHasher;
  /** HMAC for a seed; default WebCrypto. The server passes node:crypto's, which is synchronous and faster. */
  makeSign?: (secret: Uint8Array, algorithm: HashAlgorithm) => Promise<Sign>;
  /** Opens a sealed seed (seal.ts format); default WebCrypto. The server passes node:crypto's (server/node-seal.ts). */
  openSeed?: OpenSeed;
  issuerName?: string;
  serialPrefix?: string;
  /** Steps accepted on each side of the expected one. */
  window?: number;
  /** Largest drift (in steps) a token may accumulate. */
  maxDrift?: number;
  /** Presses an event (HOTP) token may be ahead of the bank (RFC 4226 §7.4's look-ahead). */
  lookAhead?: number;
  /** Consecutive wrong codes that lock a token. */
  maxFailures?: number;
  /** Consecutive wrong confirmation PINs that lock a company's step ⑧ until the bank unlocks it. */
  maxPinFailures?: number;
  /** How long an expired unassigned token is kept (for the audit trail) before it is removed. */
  expiredRetentionMs?: number;
  /** How long an unassigned software token may wait for registration. */
  unassignedTtlMs?: number;
  /** Verification audit entries are written in batches of this size, or after auditDelayMs. */
  auditBatch?: number;
  auditDelayMs?: number;
}

export interface IssuerSettings {
  issuerName: string;
  serialPrefix: string;
  window: number;
  maxDrift: number;
  lookAhead: number;
  maxFailures: number;
  maxPinFailures: number;
  unassignedTtlMs: number;
  expiredRetentionMs: number;
}

export interface IssuerContext {
  store: IssuerStore;
  masterKey: CryptoKey;
  pinHasher: PinHasher;
  audit: AuditQueue;
  verifier: Verifier;
  settings: IssuerSettings;
}

const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

export function settingsFrom(o: IssuerOptions): IssuerSettings {
  return {
    issuerName: o.issuerName ?? 'Demo Bank',
    serialPrefix: o.serialPrefix ?? 'SKTS',
    window: o.window ?? 1,
    maxDrift: o.maxDrift ?? 10,
    lookAhead: o.lookAhead ?? 10,
    maxFailures: o.maxFailures ?? 5,
    maxPinFailures: o.maxPinFailures ?? 5,
    expiredRetentionMs: o.expiredRetentionMs ?? 30 * 24 * 60 * 60 * 1000,
    unassignedTtlMs: o.unassignedTtlMs ?? DEFAULT_TTL_MS,
  };
}

/** The company, locked for the transaction, or `unknown-company`. */
export async function companyIn(tx: IssuerTx, companyId: string): Promise<CompanyRecord> {
  const company = await tx.getCompany(companyId);
  if (!company) throw new IssuerError('unknown-company');
  return company;
}
