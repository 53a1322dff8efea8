/** The PWA's side of bank provisioning: one same-origin request, the seed decrypted with WebCrypto. */
import { parseHashAlgorithm } from '../core/algorithms.ts';
import { LIMITS, PATTERNS } from '../core/limits.ts';
import { validateSpec, type TokenSpec } from '../core/token-spec.ts';
import { ocraParams } from '../core/token-ocra.ts';
import {
  PROVISION_PATH, signingLabel, base64UrlEncode, exportRawPublicKey, generateEcdhKeyPair, openFromServer, sealedFromWire,
  type ProvisionResponse,
} from './protocol.ts';
import { verifyAnswer } from './signature.ts';
import { TRUSTED_PROVISIONING_KEYS } from './trusted-keys.ts';

export type ProvisionErrorCode = 'offline' | 'rate-limited' | 'server' | 'protocol';

export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';
  readonly code: ProvisionErrorCode;
  /** Seconds the server asked to wait (429 Retry-After), when given. */
  readonly retryAfter?: number;

  constructor(code: ProvisionErrorCode, detail?: string, retryAfter?: number) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

function checkResponse(body: unknown): ProvisionResponse {
  const b = body as Partial<Record<keyof ProvisionResponse, unknown>> | null;
  const ok =
    typeof b === 'object' && b !== null &&
    typeof b.serial === 'string' && PATTERNS.heldSerial.test(b.serial) &&
    typeof b.issuer === 'string' && [...b.issuer].length <= LIMITS.nameLength &&
    typeof b.algorithm === 'string' && parseHashAlgorithm(b.algorithm) === b.algorithm &&
    Number.isInteger(b.digits) && (b.digits as number) >= LIMITS.minDigits && (b.digits as number) <= LIMITS.maxDigits &&
    Number.isInteger(b.period) && (b.period as number) >= LIMITS.bankMinPeriod && (b.period as number) <= LIMITS.bankMaxPeriod &&
    typeof b.serverPublicKey === 'string' && typeof b.salt === 'string' &&
    typeof b.iv === 'string' && typeof b.ciphertext === 'string' && typeof b.expiresAt === 'string' &&
    typeof b.keyId === 'string' && typeof b.signature === 'string';
  if (!ok) throw new ProvisionError('protocol', 'unexpected response');
  return b as ProvisionResponse;
}

/**
 * Ask the bank that served the app for a new token. The ECDH key pair is made here and never
 * leaves memory; the returned spec carries the raw secret, which the caller hands to the vault
 * at once (the vault imports it as a non-extractable key and drops the bytes).
 */
export async function provisionFromBank(fetchFn: typeof fetch = fetch, trusted: readonly string[] = TRUSTED_PROVISIONING_KEYS): Promise<TokenSpec> {
  const [login, signing] = await provisionTokens(fetchFn, trusted);
  signing?.secret.fill(0);
  return login;
}

/**
 * The token and, when the bank gives one, its separate transaction-signing key (an OCRA token
 * marked `signingFor` the serial): both go into the vault together.
 */
export async function provisionTokens(fetchFn: typeof fetch = fetch, trusted: readonly string[] = TRUSTED_PROVISIONING_KEYS): Promise<[TokenSpec, TokenSpec?]> {
  const pair = await generateEcdhKeyPair();
  const publicKey = base64UrlEncode(await exportRawPublicKey(pair.publicKey));

  let response: Response;
  try {
    response = await fetchFn(PROVISION_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ publicKey }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    // fetch rejects only when no response arrived: offline, DNS, connection refused.
    throw new ProvisionError('offline', error instanceof Error ? error.message : undefined);
  }
  if (response.status === 429) {
    const wait = Number(response.headers.get('retry-after'));
    throw new ProvisionError('rate-limited', undefined, Number.isFinite(wait) && wait > 0 ? wait : undefined);
  }
  if (!response.ok) throw new ProvisionError('server', `HTTP ${response.status}`);

  let body: ProvisionResponse;
  try {
    body = checkResponse(await response.json());
  } catch (error) {
    if (error instanceof ProvisionError) throw error;
    throw new ProvisionError('protocol', 'response is not JSON');
  }

  // Only an answer signed by the bank's provisioning key is opened: the ephemeral ECDH key alone
  // would let an active attacker between the phone and the bank hand over a seed of their own.
  if (!(await verifyAnswer(trusted, publicKey, body).catch(() => false))) throw new ProvisionError('protocol', 'answer not signed by the bank');

  let secret: Uint8Array;
  try {
    secret = await openFromServer(pair.privateKey, sealedFromWire(body), body.serial);
  } catch {
    throw new ProvisionError('protocol', 'cannot decrypt the token secret');
  }
  if (secret.length < LIMITS.bankMinSecretBytes) throw new ProvisionError('protocol', 'secret too short');

  // The answer's parameters as they are (checkResponse held them to the bank's limits).
  const { serial, issuer, algorithm, digits, period } = body;
  const login: TokenSpec = { type: 'totp', issuer, label: serial, secret, algorithm, digits, period, counter: 0, serial };
  if (!body.signing) return [login];
  let signing: TokenSpec;
  try {
    const k = body.signing;
    const key = await openFromServer(pair.privateKey, sealedFromWire(k), signingLabel(body.serial));
    signing = validateSpec({
      ...ocraParams(k.suite), issuer: body.issuer, label: body.serial, secret: key, serial: body.serial, signingFor: body.serial,
    });
  } catch {
    secret.fill(0);
    throw new ProvisionError('protocol', 'cannot open the signing key');
  }
  return [login, signing];
}
