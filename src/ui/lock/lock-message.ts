// The lock's refusals in the user's language.
import {
  LockThrottledError, PasskeyError, PinMismatchError, VaultChangedError, WrongPinError,
} from '../../vault/errors.ts';
import { BadPinError } from '../../vault/lock/pin-lock.ts';
import { errorMessage } from '../error-message.ts';
import type { Strings } from '../i18n/locale.svelte.ts';

export function lockMessage(e: unknown, t: Strings): string {
  const wait = (until: number) => t.lock.retryIn(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
  if (e instanceof WrongPinError) return e.retryAt > Date.now() + 500 ? `${t.lock.wrongPin} ${wait(e.retryAt)}` : t.lock.wrongPin;
  if (e instanceof LockThrottledError) return wait(e.retryAt);
  if (e instanceof BadPinError) return t.lock.pinRule;
  if (e instanceof PinMismatchError) return t.lock.pinDiffers;
  if (e instanceof VaultChangedError) return t.lock.changed;
  if (e instanceof PasskeyError)
    return e.reason === 'unsupported' ? t.lock.passkeyUnsupported : e.reason === 'cancelled' ? t.lock.passkeyCancelled : t.lock.passkeyFailed;
  return errorMessage(e, t);
}
