// PIN lock setup and unlock: the stored config, the 8-bit typo check and the growing delay.
import type { UseStore } from 'idb-keyval';
import { LockThrottledError, VaultError, WrongPinError, storageError } from '../errors.ts';
import type { LockConfig } from '../records.ts';
import { PIN_ITERATIONS, newPinSalt, pinKeys, pinWrapping, validPin } from './pin-key.ts';
import { clearThrottle, readThrottle, recordFailure } from './throttle.ts';
import type { Wrapping } from './wrapping.ts';

type PinConfig = Extract<LockConfig, { kind: 'pin' }>;

/** Not a PIN of 6–32 digits. */
export class BadPinError extends VaultError {
  override name = 'BadPinError';
}

export async function newPinLock(pin: string, gen: string, iterations = PIN_ITERATIONS): Promise<{ config: PinConfig; wrapping: Wrapping }> {
  if (!validPin(pin)) throw new BadPinError('PIN must be 6–32 digits');
  const salt = newPinSalt();
  const { key, check } = await pinKeys(pin, salt, iterations);
  return { config: { kind: 'pin', salt, iterations, check }, wrapping: pinWrapping(key, gen) };
}

/**
 * The wrapping for `pin`, or WrongPinError when it fails the check. A wrong PIN passing the
 * check (1 in 256) returns a key that opens wrong seeds: no offline test tells them apart.
 */
export async function unlockPin(store: UseStore, config: PinConfig, pin: string, gen: string): Promise<Wrapping> {
  const throttle = await readThrottle(store).catch((e) => Promise.reject(storageError(e)));
  if (throttle.until > Date.now()) throw new LockThrottledError(throttle.until);
  if (!validPin(pin)) throw new BadPinError('PIN must be 6–32 digits');
  const { key, check } = await pinKeys(pin, config.salt, config.iterations);
  if (check !== config.check) throw new WrongPinError(await recordFailure(store));
  if (throttle.failures) await clearThrottle(store);
  return pinWrapping(key, gen);
}
