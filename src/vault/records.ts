// The stored shapes (schema v1). docs/vault.md is the spec; change both together.
import type { HashAlgorithm } from '../core/algorithms.ts';

export const SCHEMA_VERSION = 1;

/** How a token's seed is wrapped. `vault-aes-gcm`: AES-GCM under the device's vault key. */
export interface WrappedSeed {
  scheme: 'vault-aes-gcm';
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** What the app may show and keep about a token: never the seed. */
export interface TokenMeta {
  id: string;
  type: 'totp' | 'hotp';
  issuer: string;
  label: string;
  serial?: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  created: number;
  order: number;
}

export interface StoredToken extends TokenMeta {
  v: typeof SCHEMA_VERSION;
  wrapped: WrappedSeed;
}

export const TOKEN_PREFIX = 'token:';
export const VAULT_KEY = 'vault-key';
export const SCHEMA_KEY = 'schema';

export function tokenKey(id: string): string {
  return TOKEN_PREFIX + id;
}

export function metaOf(t: StoredToken): TokenMeta {
  const { v: _v, wrapped: _w, ...meta } = t;
  return meta;
}
