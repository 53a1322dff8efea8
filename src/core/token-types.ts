/**
 * The registry of token types. A new type is one module (parse, format, validate, code, check),
 * one line here, its card part in src/ui/home/faces and a vault migration when records change.
 */
import { OtpauthError } from './otpauth-errors.ts';
import { hotpType } from './token-hotp.ts';
import { ocraType } from './token-ocra.ts';
import { totpType } from './token-totp.ts';
import type { TokenTypeModule } from './token-type.ts';
import { validateNames, validateSerial, type TokenParams, type TokenSpec, type TokenType } from './token-spec.ts';

// Getters: the type modules import token-spec.ts, which re-exports validateSpec from here, so
// this object must not read them while the modules are still loading.
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
