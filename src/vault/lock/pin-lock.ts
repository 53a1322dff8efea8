// PIN lock setup and opening: the stored config, the 8-bit typo check and the delay.
import { VaultError, WrongPinError } from '../errors.ts';
import type { UseStore } from 'idb-keyval';
import { LOCK_KEY, type LockConfig } from '../records.ts';
import { rewrapAll } from './rewrap.ts';
import { PIN_KDF, newPinSalt, pinKeys, pinWrapping, plausiblePin, validPin, type PinKdf } from './pin-key.ts';
import type { UnlockDelay } from './throttle.ts';
import { randomGen, type Wrapping } from './wrapping.ts';

export type PinConfig = Extract<LockConfig, { kind: 'pin' }>;

/** Not a PIN of 6–12 digits (setup), or of 6–32 digits (an older lock). */
export class BadPinError extends VaultError {
  override name = 'BadPinError';
}

export async function newPinLock(pin: string, gen: string, kdf: PinKdf = PIN_KDF): Promise<{ config: PinConfig; wrapping: Wrapping }> {
  if (!validPin(pin)) throw new BadPinError('PIN must be 6–12 digits');
  const salt = newPinSalt();
  const { key, check } = await pinKeys(pin, salt, kdf);
  return { config: { kind: 'pin', kdf, salt, check }, wrapping: pinWrapping(key, gen) };
}

/**
 * The wrapping for `pin`, or WrongPinError (counted) when it fails the check. A wrong PIN passing
 * the check (1 in 256) returns a key that opens wrong seeds: no offline test tells them apart.
 * The caller says whether it passed for good (`delay.passed()`), since only it can compare keys.
 */
export async function openPin(config: PinConfig, pin: string, gen: string, delay: UnlockDelay): Promise<Wrapping> {
  await delay.check();
  if (!plausiblePin(pin)) throw new BadPinError('PIN must be 6–32 digits');
  const { key, check } = await pinKeys(pin, config.salt, config.kdf);
  if (check !== config.check) throw new WrongPinError(await delay.failed());
  return pinWrapping(key, gen);
}

/** A lock whose key derivation is weaker than today's: moved to PIN_KDF at its next unlock. */
export function outdated(config: PinConfig): boolean {
  return config.kdf.name !== 'argon2id' || config.kdf.memoryKiB < PIN_KDF.memoryKiB || config.kdf.iterations < PIN_KDF.iterations;
}

/**
 * Unlocks: opens with the PIN, forgives one failure, and moves a weaker derivation (PBKDF2) to
 * Argon2id, since the PIN is needed for that. A wrong PIN that passed the check (1 in 256) would
 * re-wrap wrong seeds at that moment: those tokens then need the bank (SECURITY.md).
 */
export async function unlockPinLock(store: UseStore, config: PinConfig, pin: string, gen: string, delay: UnlockDelay): Promise<{ wrapping: Wrapping; lock: PinConfig }> {
  const opened = await openPin(config, pin, gen, delay);
  await delay.passed();
  if (!outdated(config)) return { wrapping: opened, lock: config };
  const next = await newPinLock(pin, randomGen());
  await rewrapAll(store, opened, gen, next.wrapping, { put: [[LOCK_KEY, next.config]], del: [] });
  return { wrapping: next.wrapping, lock: next.config };
}
