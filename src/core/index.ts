/** The pure OTP core: no DOM, storage, clock or network; HMAC is injected as a `Sign`. */
export * from './algorithms.ts';
export * from './base32.ts';
export * from './hotp.ts';
export * from './totp.ts';
export * from './otpauth-errors.ts';
export * from './token-spec.ts';
export * from './otpauth-uri.ts';
export * from './migration.ts';
export * from './enrollment-text.ts';
export * from './serial.ts';
export * from './format.ts';
