// Vault failures, typed by meaning so the UI can say what happened (and that nothing was stored).

export class VaultError extends Error {
  override name = 'VaultError';
}

/** IndexedDB itself is missing or refuses to open (some private modes, disabled storage). */
export class StorageUnavailableError extends VaultError {
  override name = 'StorageUnavailableError';
}

/** The browser will not store a CryptoKey (DataCloneError in some private modes). Never fall back to raw bytes. */
export class KeyStorageRefusedError extends VaultError {
  override name = 'KeyStorageRefusedError';
}

/** The origin's storage quota is exhausted. */
export class QuotaExceededError extends VaultError {
  override name = 'QuotaExceededError';
}

/** Any other failed read or write; the transaction was rolled back. */
export class VaultStorageError extends VaultError {
  override name = 'VaultStorageError';
}

/** A token with the same secret and issuer is already in the vault. */
export class DuplicateTokenError extends VaultError {
  override name = 'DuplicateTokenError';
  constructor(readonly existingId: string) {
    super('duplicate token');
  }
}

/** The seeds are wrapped under the app-lock key and it has not been unlocked. */
export class VaultLockedError extends VaultError {
  override name = 'VaultLockedError';
}

/** Maps a DOMException from IndexedDB to the typed error the UI understands. */
export function storageError(e: unknown): VaultError {
  if (e instanceof VaultError) return e;
  const name = (e as { name?: string } | null)?.name;
  if (name === 'DataCloneError') return new KeyStorageRefusedError(String(e));
  if (name === 'QuotaExceededError') return new QuotaExceededError(String(e));
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError')
    return new StorageUnavailableError(String(e));
  return new VaultStorageError(String(e));
}

/** Another tab re-wrapped the seeds (lock on/off, PIN change) while this write was prepared; nothing was stored. */
export class VaultChangedError extends VaultStorageError {
  override name = 'VaultChangedError';
}

/** The PIN failed the short typo check (SECURITY.md); `retryAt` is when the next try is allowed. */
export class WrongPinError extends VaultError {
  override name = 'WrongPinError';
  constructor(readonly retryAt: number) {
    super('wrong PIN');
  }
}

/** Too many wrong unlocks: no try is made before `retryAt` (Date.now() milliseconds). */
export class LockThrottledError extends VaultError {
  override name = 'LockThrottledError';
  constructor(readonly retryAt: number) {
    super('unlock delayed');
  }
}

/** The PIN entered to turn the lock off or change it is not the one this session was unlocked with. */
export class PinMismatchError extends VaultError {
  override name = 'PinMismatchError';
}

/** Turning the lock off or changing it without the PIN or passkey that holds it now. */
export class ProofRequiredError extends VaultError {
  override name = 'ProofRequiredError';
}

/** This browser or authenticator has no WebAuthn PRF, or the user cancelled the passkey prompt. */
export class PasskeyError extends VaultError {
  override name = 'PasskeyError';
  constructor(readonly reason: 'unsupported' | 'cancelled' | 'failed', message: string = reason) {
    super(message);
  }
}

/** Runs one storage step; whatever IndexedDB throws comes out as the typed error. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw storageError(e);
  }
}
