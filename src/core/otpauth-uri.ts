/**
 * otpauth:// key URIs, Google Authenticator's format
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format), parsed by hand: browsers
 * disagreed on `new URL()` for non-special schemes, and every refusal here has its own code.
 */
import { base32Encode } from './base32.ts';
import { OtpauthError, type OtpauthErrorCode } from './otpauth-errors.ts';
import { LIMITS } from './limits.ts';
import { checkName } from './names.ts';
import { decodeSecret, parseSerial, type TokenSpec } from './token-spec.ts';
import { TOKEN_TYPES, tokenTypeOf, validateSpec } from './token-types.ts';
import type { TokenTypeModule } from './token-type.ts';

// Which code a badly encoded or repeated parameter gets: the common ones, then each type's.
let paramCodes: Record<string, OtpauthErrorCode> | undefined;
function paramCode(key: string): OtpauthErrorCode | undefined {
  paramCodes ??= Object.assign(
    { secret: 'invalid-secret', issuer: 'bad-label', serial: 'bad-serial' },
    ...Object.values(TOKEN_TYPES).map((t) => t.params),
  ) as Record<string, OtpauthErrorCode>;
  return Object.hasOwn(paramCodes, key) ? paramCodes[key] : undefined;
}

function percentDecode(text: string, code: OtpauthErrorCode, detail?: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new OtpauthError(code, detail); // URIError: bad %-escape or invalid UTF-8
  }
}

/** Known query parameters, decoded; a repeated known parameter is refused (two readers could pick different ones). */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    let key: string;
    try {
      key = decodeURIComponent(rawKey).toLowerCase();
    } catch {
      continue; // an undecodable key is no parameter we know
    }
    const code = paramCode(key);
    if (!code) continue; // unknown parameters are ignored, as the format asks
    if (params.has(key)) throw new OtpauthError(code, 'duplicate');
    // Query values are form-encoded: '+' is a space (e.g. issuer=Example+Bank).
    const rawValue = eq < 0 ? '' : part.slice(eq + 1).replace(/\+/g, ' ');
    params.set(key, percentDecode(rawValue, code, key === 'issuer' ? 'issuer' : undefined));
  }
  return params;
}

/** Parse an otpauth://totp|hotp|ocra/ URI into a validated TokenSpec; throws OtpauthError. */
export function parseOtpauthUri(text: string): TokenSpec {
  if (text.length > LIMITS.uriLength) throw new OtpauthError('too-long');
  const scheme = /^otpauth:\/\//i.exec(text);
  if (!scheme) throw new OtpauthError('not-otpauth');
  let rest = text.slice(scheme[0].length);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);

  const slash = rest.indexOf('/');
  const question = rest.indexOf('?');
  const typeEnd = slash >= 0 && (question < 0 || slash < question) ? slash : question >= 0 ? question : rest.length;
  const typeText = rest.slice(0, typeEnd).toLowerCase();
  const type = tokenTypeOf(typeText);
  if (!type) throw new OtpauthError('unknown-type', typeText.slice(0, 16));

  const rawLabel = typeEnd === slash ? rest.slice(slash + 1, question >= 0 ? question : rest.length) : '';
  const params = parseQuery(question >= 0 ? rest.slice(question + 1) : '');

  // Label "Issuer:account": a literal or %3A colon separates, so split after decoding.
  const label = percentDecode(rawLabel, 'bad-label', 'label');
  const colon = label.indexOf(':');
  const prefix = colon >= 0 ? label.slice(0, colon).trim() : '';
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  const issuerParam = (params.get('issuer') ?? '').trim();

  const secretText = params.get('secret');
  if (secretText === undefined) throw new OtpauthError('missing-secret');
  if (secretText === '') throw new OtpauthError('empty-secret');

  const issuer = checkName(issuerParam || prefix, 'issuer'); // the parameter wins over the label prefix
  const names = { issuer, label: checkName(account, 'label'), secret: decodeSecret(secretText) };
  const spec: TokenSpec = { ...names, ...type.parse(params) };
  const serial = params.get('serial');
  if (serial) spec.serial = parseSerial(serial); // an empty serial= is taken as none
  return spec;
}

/**
 * The otpauth URI for `spec` (validated first). Issuer goes both in the label prefix and the
 * `issuer` parameter; the label is spelled so that parseOtpauthUri gives the same names back.
 */
export function formatOtpauthUri(spec: TokenSpec): string {
  validateSpec(spec);
  const enc = encodeURIComponent;
  // An issuer containing ':' cannot be a label prefix; a label containing ':' needs an empty prefix.
  const path =
    spec.issuer !== '' && !spec.issuer.includes(':')
      ? `${enc(spec.issuer)}:${enc(spec.label)}`
      : spec.label.includes(':') ? `:${enc(spec.label)}` : enc(spec.label);
  let uri = `otpauth://${spec.type}/${path}?secret=${base32Encode(spec.secret)}`;
  if (spec.issuer !== '') uri += `&issuer=${enc(spec.issuer)}`;
  uri += (TOKEN_TYPES[spec.type] as TokenTypeModule).format(spec);
  if (spec.serial !== undefined) uri += `&serial=${spec.serial}`;
  return uri;
}
