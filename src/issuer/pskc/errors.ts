/** Why a whole PSKC file is refused (nothing of it is imported), and why one key is. */
import { CodedError } from '../../core/coded-error.ts';

export type PskcErrorCode =
  /** Larger than MAX_PSKC_BYTES. */
  | 'too-large'
  /** Not well-formed XML. */
  | 'not-xml'
  /** A DOCTYPE or entity declaration: refused unread (entity expansion, external entities). */
  | 'doctype'
  /** Not a PSKC 1.0 KeyContainer (RFC 6030 §4). */
  | 'not-pskc'
  /** The file is encrypted and neither a transport key nor a password was given. */
  | 'key-required'
  /** A password was given but the file's key is not derived from one (or the other way round). */
  | 'wrong-key-kind'
  /** The given key has the wrong length for the file's cipher, or a value did not decrypt under it. */
  | 'wrong-key'
  /** An encryption, MAC or key-derivation algorithm this service does not implement. */
  | 'unsupported-encryption'
  /** PBKDF2 parameters missing or out of bounds. */
  | 'bad-key-derivation'
  /** A ValueMAC does not match: the file was changed, or the key is wrong. */
  | 'bad-mac'
  /** An encrypted value without the ValueMAC that CBC encryption requires (RFC 6030 §6.1.1). */
  | 'mac-missing'
  /** More key packages than one import takes. */
  | 'too-many-keys';

export class PskcError extends CodedError<PskcErrorCode> {
  override readonly name = 'PskcError';
}

/** A key the file holds but the bank does not take; the other keys still import. */
export type PskcRejectReason =
  | 'bad-serial'
  | 'duplicate'
  | 'unsupported-algorithm'
  | 'unsupported-format'
  /** A value encrypted with a cipher this service does not implement (Camellia, 3DES). */
  | 'unsupported-encryption'
  | 'no-secret'
  | 'short-secret'
  | 'long-secret'
  | 'bad-digits'
  | 'bad-counter'
  | 'bad-period'
  | 'bad-time'
  | 'bad-drift'
  | 'expired'
  | 'not-yet-valid';
