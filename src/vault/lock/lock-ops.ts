// Everything the app lock needs, behind one dynamic import (vault.ts `lockOps`): a vault with the
// lock off loads none of it, so the home screen does not carry the lock's code.
export { newPinLock, unlockPinLock } from './pin-lock.ts';
export { UnlockDelay } from './throttle.ts';
export { proveHolder } from './proof.ts';
export { createPrfCredential, prfKey, prfWrapping } from './prf-key.ts';
export { rewrapAll } from './rewrap.ts';
