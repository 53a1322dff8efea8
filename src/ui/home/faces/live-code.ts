// A face's code for one counter (TOTP: the time step): the first paint's when it made that one,
// else computed; a result that arrives after the counter moved on is dropped.
// The algorithm itself, not token-totp.ts / token-hotp.ts: their URI half would load with the home screen.
import type { Sign } from '../../../core/algorithms.ts';
import { hotp } from '../../../core/hotp.ts';
import { markFirstCode } from '../../first-code.ts';
import { paintedCode } from '../../state/painted-codes.ts';

/** Calls `show` with the code of `counter`; returns the cancel, for an `$effect`'s cleanup. */
export function showCode(id: string, sign: Sign | undefined, counter: number, digits: number, show: (code: string) => void): (() => void) | undefined {
  if (!sign) return undefined;
  const painted = paintedCode(id, counter);
  if (painted) {
    show(painted);
    markFirstCode();
    return undefined;
  }
  let live = true;
  void hotp({ sign, counter, digits }).then((value) => {
    if (!live) return;
    show(value);
    markFirstCode();
  });
  return () => {
    live = false;
  };
}
