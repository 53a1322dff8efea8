// Which stored tokens are cards, and which signing key belongs to a card: one rule for the first
// paint and the app's token state.
import type { TokenMeta } from '../../vault/records.ts';

/** Bank tokens' separate signing keys are not cards of their own, but the signing action of one. */
export function isSigningKey(token: TokenMeta): boolean {
  return token.type === 'ocra' && !!token.signingFor;
}

/** The key that signs for `token`: itself for an OCRA token, else its bank signing key, if any. */
export function signingKeyOf(token: TokenMeta, keys: readonly TokenMeta[]): TokenMeta | undefined {
  if (token.type === 'ocra') return token;
  return token.serial ? keys.find((k) => k.type === 'ocra' && k.signingFor === token.serial) : undefined;
}

/** The name a card is read out by. */
export function cardName(token: TokenMeta): string {
  return [token.issuer, token.label].filter(Boolean).join(' ') || token.serial || '';
}
