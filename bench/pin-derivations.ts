// The PIN key derivation timed call by call, in Chromium (wall time) or Node (CPU time).
import { pinKeys, type PinKdf } from '../src/vault/lock/pin-key.ts';

/** `elapsedSince(start())` in milliseconds after each of `runs` derivations with distinct PINs. */
export async function derivationTimes<T>(kdf: PinKdf, runs: number, firstPin: number, start: () => T, elapsedSince: (t0: T) => number): Promise<number[]> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = start();
    await pinKeys(String(firstPin + i), salt, kdf);
    ms.push(elapsedSince(t0));
  }
  return ms;
}
