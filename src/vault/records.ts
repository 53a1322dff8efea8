// The stored shapes (schema v4). docs/vault.md is the spec; change both together.
import type { TokenParams, TokenSpec } from '../core/token-spec.ts';
import type { PinKdf } from './lock/pin-key.ts';

export const SCHEMA_VERSION = 4;

/**
 * How a token's seed is wrapped.
 * `vault-aes-gcm`: AES-GCM under the device's vault key (no app lock).
 * `pin-aes-ctr`: AES-CTR under a key from the PIN; no integrity check, so a wrong PIN opens a
 * plausible wrong seed instead of failing (the PIN cannot be tested offline).
 * `prf-aes-gcm`: AES-GCM under a key from the passkey's WebAuthn PRF output.
 */
export type WrapScheme = 'vault-aes-gcm' | 'pin-aes-ctr' | 'prf-aes-gcm';

export interface WrappedSeed {
  scheme: WrapScheme;
  /** 12-byte AES-GCM nonce, or the 16-byte AES-CTR initial counter block. */
  iv: Uint8Array;
  data: ArrayBuffer;
}

/** The app lock's stored parameters: never a key, never anything that can test a PIN beyond `check`. */
export type LockConfig =
  | {
      kind: 'pin';
      /** The key derivation and its parameters, stored beside the wrapped seeds. */
      kdf: PinKdf;
      salt: Uint8Array;
      /** 8-bit typo check (SECURITY.md): one wrong PIN in 256 passes it and opens wrong seeds. */
      check: number;
    }
  | {
      kind: 'prf';
      credentialId: Uint8Array;
      /** The PRF input sent to the authenticator, and the HKDF salt. */
      prfSalt: Uint8Array;
      rpId: string;
    };

/** The v2 PIN lock (PBKDF2 only), rewritten as `kdf: pbkdf2-sha256` by the v4 migration. */
export interface PinConfigV2 {
  kind: 'pin';
  salt: Uint8Array;
  iterations: number;
  check: number;
}

/**
 * Wrong unlock attempts, kept in the store so the delay survives reloads (lock/throttle.ts).
 * `waitMs` is served by a monotonic clock while the app is open, never read from the wall clock.
 */
export interface LockThrottle {
  /** Wrong PINs not yet forgiven: each unlock that passes the check forgives one. */
  failures: number;
  /** How long the app must still be open before the next try. */
  waitMs: number;
}

/**
 * What the app may show and keep about a token: never the seed. The type's parameters are the
 * core's discriminated union (TOTP, HOTP, OCRA with its suite), so a record is one type's.
 */
export type TokenMeta = TokenParams & {
  id: string;
  issuer: string;
  label: string;
  serial?: string;
  created: number;
  order: number;
  /** Once wrapped under the stored vault key (lock off): copies may remain on disk readable without the lock. */
  exposed?: true;
};

export type StoredToken = TokenMeta & {
  /** Schema version the record was written under. */
  v: 1 | 2 | 3 | 4;
  wrapped: WrappedSeed;
};

export const TOKEN_PREFIX = 'token:';
export const VAULT_KEY = 'vault-key';
export const SCHEMA_KEY = 'schema';
export const LOCK_KEY = 'lock';
export const THROTTLE_KEY = 'lock-throttle';
/** A random id changed at every re-wrap: a write made with an older key is refused in its transaction. */
export const WRAP_GEN_KEY = 'wrap-gen';

export function tokenKey(id: string): string {
  return TOKEN_PREFIX + id;
}

/** Tokens in the user's order (then oldest first). */
export function inUserOrder(tokens: TokenMeta[]): TokenMeta[] {
  return tokens.sort((a, b) => a.order - b.order || a.created - b.created);
}

export function metaOf(t: StoredToken): TokenMeta {
  const { v: _v, wrapped: _w, ...meta } = t;
  return meta;
}

/** The record's metadata for a new token: the spec without its secret (an empty serial is none). */
export function metaFromSpec(spec: TokenSpec, at: { id: string; created: number; order: number }): TokenMeta {
  const { secret: _secret, serial, ...params } = spec;
  return { ...params, ...at, ...(serial ? { serial } : {}) };
}
