// Group commit: calls that arrive over a few turns of the event loop share one statement; rivals
// (one key) never share one; a lone call is not held back; a failed statement fails its calls only.
import { expect, it } from 'vitest';
import { GroupCommit } from '../../../server/group-commit.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

function recorder(accept: (item: string) => boolean = () => true) {
  const batches: string[][] = [];
  const gc = new GroupCommit<string>({
    key: (item) => item.split(':')[0]!,
    commit: async (batch) => {
      batches.push(batch);
      return new Set(batch.filter(accept).map((item) => item.split(':')[0]!));
    },
  });
  return { gc, batches };
}

it('calls arriving a turn of the event loop apart go out in one statement', async () => {
  const { gc, batches } = recorder();
  const answers: Promise<boolean>[] = [];
  // Each next call arrives in the following turn, ahead of the batch's own wait (as a request read
  // from a socket comes before the turn's immediates), so the batch sees it growing and waits on.
  let i = 1;
  const arrive = () => {
    answers.push(gc.submit(`k${i}`));
    if (++i < 6) setImmediate(arrive);
  };
  setImmediate(arrive);
  answers.unshift(gc.submit('k0'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await Promise.all(answers)).toEqual([true, true, true, true, true, true]);
  expect(batches).toEqual([['k0', 'k1', 'k2', 'k3', 'k4', 'k5']]);
});

it('a lone call goes out after a turn or two, rivals wait for the next statement, refusals answer false', async () => {
  const { gc, batches } = recorder((item) => item !== 'b:1');
  const t0 = performance.now();
  expect(await gc.submit('a:1')).toBe(true);
  expect(performance.now() - t0).toBeLessThan(50);
  const [x, y, z] = await Promise.all([gc.submit('b:1'), gc.submit('b:2'), gc.submit('c:1')]);
  expect([x, y, z]).toEqual([false, true, true]);
  expect(batches).toEqual([['a:1'], ['b:1', 'c:1'], ['b:2']]);
});

it('a failed statement rejects its own calls; the next statement goes on', async () => {
  let fail = true;
  const gc = new GroupCommit<string>({
    key: (item) => item,
    commit: async (batch) => {
      if (fail) throw new Error('database gone');
      return new Set(batch);
    },
  });
  await expect(gc.submit('a')).rejects.toThrow('database gone');
  fail = false;
  expect(await gc.submit('b')).toBe(true);
});
