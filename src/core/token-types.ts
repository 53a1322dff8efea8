/**
 * The registry of token types. A new type is one module (parse, format, validate, code, check),
 * one line here, its card part in src/ui/home/faces and a vault migration when records change.
 */
import { OtpauthError } from './otpauth-errors.ts';
import { hotpType } from './token-hotp.ts';
import { ocraType } from './token-ocra.ts';
import { totpType } from './token-totp.ts';
import type { TokenTypeModule } from './token-type.ts';
import { validateNames, validateSerial } from './token-fields.ts';
import type { TokenParams, TokenSpec, TokenType } from './token-spec.ts';

// Getters, so no module of the type ↔ registry import cycle reads another before it has loaded.
export const TOKEN_TYPES: { readonly [T in TokenType]: TokenTypeModule<Extract<TokenParams, { type: T }>> } = {
  get totp() { return totpType; },
  get hotp() { return hotpType; },
  get ocra() { return ocraType; },
};

/** The module of a type name (any case), or undefined. */
export function tokenTypeOf(name: string): TokenTypeModule | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(TOKEN_TYPES, key) ? (TOKEN_TYPES[key as TokenType] as TokenTypeModule) : undefined;
}

/** Throw the OtpauthError a parser would for any field of `spec` out of bounds; return it unchanged. */
export function validateSpec<S extends TokenSpec>(spec: S): S {
  const type = typeof spec.type === 'string' && Object.hasOwn(TOKEN_TYPES, spec.type) ? (TOKEN_TYPES[spec.type] as TokenTypeModule) : undefined;
  if (!type) throw new OtpauthError('unknown-type', String(spec.type));
  validateNames(spec);
  type.validate(spec);
  validateSerial(spec.serial);
  return spec;
}
