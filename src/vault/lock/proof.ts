// The rule for every change of the app lock (off, new PIN, passkey): it is made only by whoever
// holds the lock now. The vault checks it itself, so no screen or caller can skip it.
import { PinMismatchError, ProofRequiredError, VaultLockedError } from '../errors.ts';
import type { LockConfig } from '../records.ts';
import { openPin } from './pin-lock.ts';
import { prfKey, prfWrapping } from './prf-key.ts';
import type { UnlockDelay } from './throttle.ts';
import { sameKey, type Wrapping } from './wrapping.ts';

/** Who holds the lock: its PIN, or its passkey (the vault asks the authenticator itself). */
export type LockProof = { pin: string } | { passkey: true };

/**
 * Resolves when `proof` opens the lock to the very key this session was unlocked with (`current`).
 * A wrong PIN passing the 8-bit check derives another key and is refused (and counted), so it can
 * never re-wrap wrong seeds for good; a passkey lock asks the authenticator again, so a borrowed
 * unlocked phone cannot turn it off.
 */
export async function proveHolder(lock: LockConfig, current: Wrapping | undefined, proof: LockProof | undefined, delay: UnlockDelay): Promise<void> {
  if (!current) throw new VaultLockedError('locked');
  let candidate: Wrapping;
  if (lock.kind === 'pin') {
    if (!proof || !('pin' in proof)) throw new ProofRequiredError("the lock's PIN is needed");
    candidate = await openPin(lock, proof.pin, current.gen, delay);
  } else {
    if (!proof || !('passkey' in proof)) throw new ProofRequiredError("the lock's passkey is needed");
    candidate = prfWrapping(await prfKey(lock), current.gen);
  }
  const same = await sameKey(candidate, current);
  if (lock.kind === 'pin') await (same ? delay.passed() : delay.failed());
  if (!same) throw new PinMismatchError('not the key this session was unlocked with');
}
