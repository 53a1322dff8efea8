// The passkey's wrapping key: WebAuthn PRF output (the authenticator's HMAC over our salt, after
// the user's biometrics or screen lock) → HKDF-SHA256 → AES-GCM. Nothing of it is stored.
import { PasskeyError } from '../errors.ts';
import type { LockConfig } from '../records.ts';
import type { Wrapping } from './wrapping.ts';

type PrfConfig = Extract<LockConfig, { kind: 'prf' }>;
interface PrfResults {
  enabled?: boolean;
  results?: { first?: BufferSource };
}

const encoder = new TextEncoder();

/** Whether this browser says it can do PRF; unknown (older APIs) counts as maybe. */
export async function prfMaybeSupported(): Promise<boolean> {
  const pkc = globalThis.PublicKeyCredential as (typeof PublicKeyCredential & { getClientCapabilities?: () => Promise<Record<string, boolean>> }) | undefined;
  if (!pkc || !globalThis.isSecureContext) return false;
  if (!pkc.getClientCapabilities) return true;
  try {
    const caps = await pkc.getClientCapabilities();
    return caps['extension:prf'] !== false;
  } catch {
    return true;
  }
}

function fail(e: unknown): PasskeyError {
  if (e instanceof PasskeyError) return e;
  const name = (e as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return new PasskeyError('cancelled', String(e));
  if (name === 'NotSupportedError') return new PasskeyError('unsupported', String(e));
  return new PasskeyError('failed', String(e));
}

/** Makes a passkey for this device with PRF on; refuses (PasskeyError 'unsupported') when PRF is off. */
export async function createPrfCredential(): Promise<{ config: PrfConfig; key: CryptoKey }> {
  const prfSalt = crypto.getRandomValues(new Uint8Array(32));
  const rpId = location.hostname;
  let credential: PublicKeyCredential | null;
  try {
    credential = (await navigator.credentials.create({
      publicKey: {
        rp: { id: rpId, name: 'Soft Token' },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'soft-token', displayName: 'Soft Token' },
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
        authenticatorSelection: { userVerification: 'required', residentKey: 'discouraged' },
        extensions: { prf: { eval: { first: prfSalt } } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
  } catch (e) {
    throw fail(e);
  }
  if (!credential) throw new PasskeyError('cancelled');
  const prf = (credential.getClientExtensionResults() as { prf?: PrfResults }).prf;
  if (!prf?.enabled && !prf?.results?.first) throw new PasskeyError('unsupported', 'authenticator has no PRF');
  const config: PrfConfig = { kind: 'prf', credentialId: new Uint8Array(credential.rawId), prfSalt, rpId };
  // Some authenticators give the PRF output only on an assertion, not at creation.
  const first = prf.results?.first;
  return { config, key: first ? await keyFromPrf(first, prfSalt) : await prfKey(config) };
}

/** Asks the authenticator (user verification required) for the PRF output and derives the key. */
export async function prfKey(config: PrfConfig): Promise<CryptoKey> {
  let assertion: PublicKeyCredential | null;
  try {
    assertion = (await navigator.credentials.get({
      publicKey: {
        rpId: config.rpId,
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: [{ type: 'public-key', id: config.credentialId as Uint8Array<ArrayBuffer> }],
        userVerification: 'required',
        extensions: { prf: { eval: { first: config.prfSalt } } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
  } catch (e) {
    throw fail(e);
  }
  const first = (assertion?.getClientExtensionResults() as { prf?: PrfResults } | undefined)?.prf?.results?.first;
  if (!first) throw new PasskeyError(assertion ? 'unsupported' : 'cancelled', 'no PRF output');
  return keyFromPrf(first, config.prfSalt);
}

async function keyFromPrf(output: BufferSource, salt: Uint8Array): Promise<CryptoKey> {
  const master = await crypto.subtle.importKey('raw', output, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, info: encoder.encode('soft-token/prf-wrap/v1') },
    master, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'wrapKey', 'unwrapKey'],
  );
}

export function prfWrapping(key: CryptoKey, gen: string): Wrapping {
  return { scheme: 'prf-aes-gcm', key, gen };
}
