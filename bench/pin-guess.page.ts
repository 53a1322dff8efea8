// In Chromium: the app's own PIN key derivation (src/vault/lock/pin-key.ts), timed per call.
import { PIN_KDF, pinKeys, type PinKdf } from '../src/vault/lock/pin-key.ts';

async function time(kdf: PinKdf, runs: number): Promise<number[]> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await pinKeys(String(10_000_000 + i), salt, kdf);
    ms.push(performance.now() - t0);
  }
  return ms;
}

Object.assign(window, {
  runPinBench: async (runs: number) => {
    await time(PIN_KDF, 1); // the wasm compiled and its memory grown, as after the first unlock
    return { argon2id: await time(PIN_KDF, runs), pbkdf2: await time({ name: 'pbkdf2-sha256', iterations: 600_000 }, runs) };
  },
});
document.title = 'ready';
