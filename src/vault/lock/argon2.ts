// Argon2id (RFC 9106) through hash-wasm's WebAssembly build. Its own module so that the wasm
// loads only when a PIN lock is set or opened, never with the home screen.
import { argon2id } from 'hash-wasm';
import type { Argon2idParams } from './pin-key.ts';

export function argon2idBits(pin: Uint8Array, salt: Uint8Array, p: Argon2idParams): Promise<Uint8Array> {
  return argon2id({
    password: pin, salt, iterations: p.iterations, parallelism: p.parallelism, memorySize: p.memoryKiB, hashLength: 32,
    outputType: 'binary',
  });
}
