/** The bank side as a pure library (see issuer.ts); storage behind IssuerStore. */
export { Issuer, webCryptoSign } from './issuer.ts';
export type { IssuerOptions, IssuedToken, PinHasher, UserView, CompanyView } from './issuer.ts';
export { IssuerError, type IssuerErrorCode } from './errors.ts';
export { MemoryStore } from './memory-store.ts';
export { importMasterKey, sealSeed, openSeed } from './seal.ts';
export { parseHardwareCsv, type HardwareReject, type HardwareRecord } from './hardware-csv.ts';
export { matchInWindow, candidateSteps, type WindowMatch } from './code-window.ts';
export { codesEqual } from '../core/compare.ts';
export { LIFECYCLE, STATUS_MEANING, TOKEN_STATUSES, next as nextStatus, type TokenAction } from './lifecycle.ts';
export { displayedStatus } from './read-models.ts';
export type * from './types.ts';
