/**
 * A password check behind the account-and-address throttle (server/limits.ts): checked and counted
 * in one statement before the slow hash, cleared by a success, left counted by a failure. Keyed on
 * the account *and* the address, with a growing delay, so a guesser elsewhere slows only themselves.
 */
import { rateKey } from './client-address.ts';
import { ApiError } from './errors.ts';
import type { Deps } from './http.ts';
import { attempt, failed, LOGIN_DELAY, succeeded, waitFor } from './limits.ts';
import { dummySecretHash, verifySecret } from './passwords.ts';

const throttleKey = (account: string, address: string) => `${account}@${rateKey(address)}`;

function refuse(d: Deps, wait: number): never {
  d.metrics.throttled.inc({ what: 'password' });
  throw new ApiError('rate-limited', wait);
}

/** Refuses (429) while `account` must wait at `address`, counting nothing: for a step before any password is checked. */
export async function refuseWhileWaiting(d: Deps, account: string, address: string, now: number): Promise<void> {
  const wait = await waitFor(d.db, throttleKey(account, address), now);
  if (wait) refuse(d, wait);
}

/**
 * One attempt of `account` from `address`: refused (429, after `onThrottled`) while it must wait,
 * else `check` runs (the slow hash) and its answer is counted. Resolves to that answer.
 */
export async function passwordAttempt(
  d: Deps, account: string, address: string, now: number, check: () => Promise<boolean>, onThrottled?: () => Promise<void>,
): Promise<boolean> {
  const key = throttleKey(account, address);
  const wait = await attempt(d.db, key, LOGIN_DELAY, now);
  if (wait) {
    await onThrottled?.();
    refuse(d, wait);
  }
  let ok: boolean;
  try {
    ok = await check();
  } catch (e) {
    await failed(d.db, key); // no longer in flight, so later attempts need not wait for it
    throw e;
  }
  if (ok) await succeeded(d.db, key);
  else {
    await failed(d.db, key);
    d.metrics.authFailures.inc({ what: 'password' });
  }
  return ok;
}

/** Whether `password` matches `hash`; an unknown account (null) costs the same scrypt and never matches. */
export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  const ok = await verifySecret(password, hash ?? (await dummySecretHash()));
  return ok && hash !== null;
}
