/** PSKC (RFC 6030) hardware-token files: parse, decrypt, check, map to the bank's key records. */
export { readPskc, MAX_PSKC_KEYS, type PskcContents } from './read-pskc.ts';
export { PskcError, type PskcErrorCode, type PskcRejectReason } from './errors.ts';
export { HARDWARE_KEY_RULES, type PskcKey, type PskcReject, type HardwareTokenType } from './key-package.ts';
export { MAX_PSKC_BYTES } from './safe-xml.ts';
export type { PskcCredentials } from './values.ts';
