/**
 * Every limit and pattern of the domain, declared once: tokens (secret, digits, period, counter),
 * serial numbers, names (the characters a name may not hold are checkName's, in token-spec.ts), the administrator's confirmation PIN, the app lock's PIN and IDs. The PWA,
 * the issuer, the server's request schemas and the admin screens import them from here.
 */

export const LIMITS = {
  /** Characters in a pasted, scanned or typed enrollment text (otpauth URI, migration export). */
  uriLength: 4096,
  /** Issuer and label, in characters (code points). */
  nameLength: 64,
  /** Serial numbers, in characters. */
  serialLength: 32,
  /**
   * Secret length in bytes. RFC 4226 §4 R6: the secret MUST be at least 128 bits and SHOULD be
   * 160. The bank keeps to that for every token it verifies (its own, 160 bits, and imported
   * hardware, ≥ 128). The phone also carries other services' tokens, and many of them hand out 80-bit
   * secrets (16 base32 characters), so the phone accepts 80 bits and up: refusing them would keep
   * those users off the app without making their service's secret any longer.
   */
  minSecretBytes: 10,
  bankMinSecretBytes: 16,
  issuedSecretBytes: 20,
  /** 1024 bits: bounds the work a hostile URI can cause. */
  maxSecretBytes: 128,
  /** Code digits (RFC 4226 §5.3: at least 6; 8 is the most any issuer uses). */
  minDigits: 6,
  maxDigits: 8,
  /** TOTP period in seconds the phone accepts from any service. */
  minPeriod: 5,
  maxPeriod: 3600,
  /**
   * Periods the bank's verifier accepts for imported tokens: with its ±1-step window a longer
   * period would keep a code valid for many minutes, a shorter one outruns a person typing it.
   */
  bankMinPeriod: 15,
  bankMaxPeriod: 120,
  /** User and company IDs, in characters. */
  idLength: 32,
  /** An internet-banking password the administrator sets for a user, in characters. */
  userPasswordMin: 8,
  userPasswordMax: 128,
  /** The app lock's PIN, in digits: a new lock takes 6–12 and recommends 8 (SECURITY.md, the offline cost). */
  lockPinMin: 6,
  lockPinMax: 12,
  lockPinRecommended: 8,
  /** What locks set before the 12-digit limit may hold; still accepted to unlock them. */
  lockPinMaxStored: 32,
} as const;

/**
 * OCRA suites (RFC 6287 §6): Q of 4–64 characters, truncation 0 or 4–10 digits (erratum 3730
 * would stop at 9: ten digits of a 31-bit value start with 0–2; the RFC's range is kept), S up to 512 bytes.
 */
export const OCRA_LIMITS = {
  suiteLength: 64,
  minQuestion: 4,
  maxQuestion: 64,
  minDigits: 4,
  maxDigits: 10,
  maxSessionBytes: 512,
} as const;

/** Defaults where an otpauth URI or a hardware file says nothing (Google Authenticator's). */
export const DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/**
 * Bank serial numbers, `SKTS0050964120` style: 4 letters (the bank's prefix), body digits, one Luhn
 * check digit (core/serial.ts). Nine body digits give 10⁹ tokens per prefix. Serials issued before
 * had `olderBodyDigits` (`SKTS00509645`): they stay valid everywhere; only new ones get the new form.
 */
export const BANK_SERIAL = { prefixLetters: 4, bodyDigits: 9, olderBodyDigits: 7 } as const;

export const PATTERNS = {
  /** A serial the phone accepts from any issuer (stored upper-case). */
  serial: new RegExp(`^[A-Za-z0-9]{1,${LIMITS.serialLength}}$`),
  /** A serial the bank holds: its own, or a hardware vendor's (upper-case; at least 4 characters). */
  heldSerial: new RegExp(`^[A-Z0-9]{4,${LIMITS.serialLength}}$`),
  /** The form of the bank's own serials (the check digit is checked by isBankSerial). */
  bankSerial: new RegExp(`^[A-Z]{${BANK_SERIAL.prefixLetters}}(?:[0-9]{${BANK_SERIAL.bodyDigits + 1}}|[0-9]{${BANK_SERIAL.olderBodyDigits + 1}})$`),
  bankSerialPrefix: new RegExp(`^[A-Z]{${BANK_SERIAL.prefixLetters}}$`),
  /** A one-time password as typed, after normalizeCode. */
  code: new RegExp(`^[0-9]{${LIMITS.minDigits},${LIMITS.maxDigits}}$`),
  /** A transaction signature (an OCRA response) as typed, after normalizeCode: digits of a length a suite can have. */
  signature: new RegExp(`^[0-9]{${OCRA_LIMITS.minDigits},${OCRA_LIMITS.maxDigits}}$`),
  /** The company administrator's confirmation PIN of step ⑧: 6–12 letters or digits. */
  confirmationPin: /^[A-Za-z0-9]{6,12}$/,
  /** The app lock's PIN, for a new lock. */
  lockPin: new RegExp(`^[0-9]{${LIMITS.lockPinMin},${LIMITS.lockPinMax}}$`),
  /** A PIN an existing lock may have. */
  storedLockPin: new RegExp(`^[0-9]{${LIMITS.lockPinMin},${LIMITS.lockPinMaxStored}}$`),
  /** User and company IDs. */
  id: new RegExp(`^[A-Za-z0-9._-]{1,${LIMITS.idLength}}$`),
  /** A whole customer card (お客様カード, ADMIN_CARD): one digit per cell イ … ネ, in order. */
  customerCard: /^[0-9]{20}$/,
  /** The answer to the sign-in's card challenge: the digits of its two cells. */
  customerCardAnswer: /^[0-9]{2}$/,
} as const;

/**
 * Typed text compacted: full-width forms folded (Japanese IMEs) and the spaces and hyphens people
 * type between groups dropped ("ｓｋｔｓ-0050 9641" → "skts00509641").
 */
export function compactTyped(text: string): string {
  return text.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30fc]/gu, '');
}

/** A serial as typed, in the one form it is compared and stored in (upper-case, compacted). */
export function normalizeSerial(text: string): string {
  return compactTyped(text).toUpperCase();
}

/** A code as typed ("123 456", "１２３４５６") in digits only. */
export function normalizeCode(text: string): string {
  return compactTyped(text);
}
