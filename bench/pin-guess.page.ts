// In Chromium: the app's own PIN key derivation (src/vault/lock/pin-key.ts), timed per call.
import { PIN_KDF, type PinKdf } from '../src/vault/lock/pin-key.ts';
import { derivationTimes } from './pin-derivations.ts';

const time = (kdf: PinKdf, runs: number) => derivationTimes(kdf, runs, 10_000_000, () => performance.now(), (t0) => performance.now() - t0);

Object.assign(window, {
  runPinBench: async (runs: number) => {
    await time(PIN_KDF, 1); // the wasm compiled and its memory grown, as after the first unlock
    return { argon2id: await time(PIN_KDF, runs), pbkdf2: await time({ name: 'pbkdf2-sha256', iterations: 600_000 }, runs) };
  },
});
document.title = 'ready';
