/**
 * Bulk user import: 500 and 5,000 users (ID, name, initial password) posted as CSV to the real
 * service's POST /api/admin/users/import, on the embedded database: the request answers with the
 * stored job (202 and its Location, within IMPORT_JOB.answerWaitMs), which is polled until it ends.
 * Each initial password is a scrypt hash (~30 ms of CPU), so the import is bound by the cores it
 * may use (server/user-imports.ts). Beside it the operator's sign-in, idle and while the 5,000-user
 * import runs: the import must not starve sign-ins.
 * Run alone: `npx tsx bench/bulk-users.ts` (option `--users=N` for the large file).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { IMPORT_HASH_CONCURRENCY, IMPORT_JOB } from '../server/user-imports.ts';
import { request, signIn, startService } from './service.ts';
import { spread } from './stats.ts';
import { arg, isMain, loadAverage, printFigures } from './cli.ts';

const csv = (prefix: string, n: number) =>
  ['userId,displayName,initialPassword', ...Array.from({ length: n }, (_, i) => `${prefix}${i},利用者 ${i},Initial-${randomBytes(6).toString('hex')}`)].join('\n');

export async function benchBulkUsers(o: { print?: boolean; users?: number } = {}): Promise<Record<string, number | boolean>> {
  const large = o.users ?? 5000;
  const log = (s: string) => o.print !== false && console.log(s);
  const service = await startService({ masterKey: randomBytes(32), env: { LOGIN_LIMIT_PER_MINUTE: '100000' } });
  try {
    const admin = await signIn(service.port, 'admin');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, origin: service.origin };
    /** Post the file, then poll its job until it ends: the answer's time and the import's. */
    const post = async (body: string) => {
      const t0 = performance.now();
      let res = await request(service.port, 'POST', '/api/admin/users/import', { ...headers, 'content-type': 'text/csv' }, body);
      const answerMs = performance.now() - t0;
      for (;;) {
        if (res.status !== 200 && res.status !== 202) throw new Error(`import: ${res.status} ${res.text.slice(0, 200)}`);
        const job = JSON.parse(res.text) as { id: string; imported: number; done: boolean };
        if (job.done) return { ms: performance.now() - t0, answerMs, imported: job.imported };
        await new Promise((r) => setTimeout(r, 500));
        res = await request(service.port, 'GET', `/api/admin/users/imports/${job.id}`, headers);
      }
    };
    const signInMs = async () => {
      const t0 = performance.now();
      await signIn(service.port, 'operator');
      return performance.now() - t0;
    };
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push(await signInMs());

    const small = await post(csv('s', 500));
    // The large file, with an operator signing in once a second until it is done (back to back,
    // the sign-ins would themselves be a second stream of hashes).
    let done = false;
    const during: number[] = [];
    const prober = (async () => {
      while (!done) {
        during.push(await signInMs());
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const big = await post(csv('l', large)).finally(() => (done = true));
    await prober;
    if (small.imported !== 500 || big.imported !== large) throw new Error(`imported ${small.imported}, ${big.imported}`);
    const idleMs = spread(idle).median;
    const duringMs = spread(during).median;
    const figures = {
      'hashes in flight (cores − 1, pool threads − 1)': IMPORT_HASH_CONCURRENCY,
      '500 users: import s': Math.round(small.ms / 100) / 10,
      [`${large} users: import s`]: Math.round(big.ms / 100) / 10,
      [`${large} users: ms per user`]: Math.round((big.ms / large) * 10) / 10,
      [`${large} users: the request's answer ms (the job's progress is polled)`]: Math.round(big.answerMs),
      [`meets budget (the answer ≤ ${IMPORT_JOB.answerWaitMs / 1000} s + 1 s, whatever the file)`]: big.answerMs <= IMPORT_JOB.answerWaitMs + 1000,
      'operator sign-in idle ms (median of 5)': Math.round(idleMs),
      [`operator sign-in during the ${large}-user import ms (median of ${during.length})`]: Math.round(duringMs),
      'meets budget (sign-in during an import ≤ 3× idle)': duringMs <= 3 * idleMs,
      'load average at the end': loadAverage(),
    };
    return printFigures(log, `bulk user import, embedded database (${os.availableParallelism()} cores):`, figures);
  } finally {
    await service.stop();
  }
}

if (isMain(import.meta.url)) await benchBulkUsers({ print: true, users: Number(arg('users') ?? 5000) });
