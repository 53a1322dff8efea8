/**
 * Initial passwords of a bulk user import, hashed without starving sign-ins. scrypt runs on
 * libuv's thread pool (UV_THREADPOOL_SIZE, 4 by default), where sign-ins hash too: queuing 5,000
 * hashes at once would put every sign-in behind them. So an import keeps at most
 * IMPORT_HASH_CONCURRENCY hashes in flight (one core and one pool thread always left over), one
 * import runs at a time in an instance, and each company has a number of imports an hour.
 */
import os from 'node:os';
import { ApiError } from './errors.ts';
import { hashSecret } from './passwords.ts';
import type { RateWindow } from './limits.ts';

const poolThreads = Number(process.env.UV_THREADPOOL_SIZE) || 4;

export const IMPORT_HASH_CONCURRENCY = Math.max(1, Math.min(os.availableParallelism() - 1, poolThreads - 1));

/** Imports a company may start in an hour (each up to 5,000 lines). */
export const USER_IMPORT_WINDOW: RateWindow = { limit: 20, windowMs: 60 * 60_000 };

let running = false;

/** Hash each password (order kept); `import-busy` while another import of this instance hashes. */
export async function hashInitialPasswords(passwords: readonly string[], concurrency = IMPORT_HASH_CONCURRENCY): Promise<string[]> {
  if (running) throw new ApiError('import-busy', 5);
  running = true;
  try {
    const out: string[] = new Array(passwords.length);
    let next = 0;
    const worker = async () => {
      while (next < passwords.length) {
        const i = next++;
        out[i] = await hashSecret(passwords[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, passwords.length) }, worker));
    return out;
  } finally {
    running = false;
  }
}
