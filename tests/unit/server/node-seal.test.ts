/** The server's node:crypto seed opener reads exactly what the WebCrypto sealer wrote, and nothing else. */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { importMasterKey, openSeed, sealSeed } from '../../../src/issuer/seal.ts';
import { nodeOpenSeed } from '../../../server/node-seal.ts';

describe('nodeOpenSeed', () => {
  it('opens seeds sealed by WebCrypto under a non-extractable master key, same bytes as openSeed', async () => {
    const key = await importMasterKey(randomBytes(32));
    expect(key.extractable).toBe(false);
    for (const size of [10, 20, 32, 64, 128]) {
      const seed = new Uint8Array(randomBytes(size));
      const sealed = await sealSeed(key, 'SKTS00000001', seed);
      const opened = await nodeOpenSeed(key, 'SKTS00000001', sealed);
      expect(opened).toEqual(seed);
      expect(opened).toEqual(await openSeed(key, 'SKTS00000001', sealed));
    }
  });

  it('refuses another serial, another key, a flipped byte and a truncated blob', async () => {
    const key = await importMasterKey(randomBytes(32));
    const sealed = await sealSeed(key, 'SKTS00000002', new Uint8Array(randomBytes(20)));
    await expect(nodeOpenSeed(key, 'SKTS00000003', sealed)).rejects.toThrow();
    await expect(nodeOpenSeed(await importMasterKey(randomBytes(32)), 'SKTS00000002', sealed)).rejects.toThrow();
    for (const at of [0, 12, sealed.length - 1]) {
      const bad = sealed.slice();
      bad[at]! ^= 1;
      await expect(nodeOpenSeed(key, 'SKTS00000002', bad)).rejects.toThrow();
    }
    await expect(nodeOpenSeed(key, 'SKTS00000002', sealed.slice(0, 20))).rejects.toThrow();
  });
});
