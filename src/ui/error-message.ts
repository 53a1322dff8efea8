// Turns any refusal (typed parse errors, vault and provisioning failures) into the user's language.
import { OtpauthError } from '../core/otpauth-errors.ts';
import {
  DuplicateTokenError, KeyStorageRefusedError, QuotaExceededError, StorageUnavailableError, VaultError,
} from '../vault/errors.ts';
import type { Strings } from './i18n/locale.svelte.ts';

/** `input`: the text that was refused, when there was one (only a link's host is ever shown). */
export function errorMessage(e: unknown, t: Strings, input?: string): string {
  const err = t.errors;
  if (e instanceof OtpauthError) {
    if (e.detail === 'duplicate') return err.duplicateParam;
    if (e.code === 'invalid-secret') return err['invalid-secret'](e.detail === 'length' ? undefined : e.detail);
    if (e.code === 'bad-suite') return err['bad-suite'](e.detail);
    if (e.code === 'not-a-token-uri') return e.detail === 'url' ? err.notTokenUrl(linkHost(input)) : err.notTokenText;
    return err[e.code];
  }
  if (e instanceof DuplicateTokenError) return err.duplicate;
  if (e instanceof KeyStorageRefusedError) return err.keyStorageRefused;
  if (e instanceof QuotaExceededError) return err.quota;
  if (e instanceof StorageUnavailableError) return err.storageUnavailable;
  if (e instanceof VaultError) return err.storage;
  const code = (e as { name?: string; code?: string } | null)?.name === 'ProvisionError' ? (e as { code: string }).code : undefined;
  if (code === 'offline') return err.provisionOffline;
  if (code === 'rate-limited') return err.provisionRateLimited;
  if (code === 'server') return err.provisionServer;
  if (code === 'protocol') return err.provisionProtocol;
  return err.unknown;
}

/** Only the host of a refused link is shown (as text), never the whole untrusted string. */
function linkHost(input: string | undefined): string {
  try {
    return new URL(input ?? '').host.slice(0, 64) || '?';
  } catch {
    return '?';
  }
}
