/**
 * The built folder on a loopback port for the bench, compressed as a static host would send it
 * (brotli or gzip, the service's own rules in server/compress.ts), so Lighthouse's simulated
 * slow network sees the bytes a phone really downloads.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createStaticServer } from '../scripts/serve-static.mjs';
import { CompressedCache } from '../server/compress.ts';

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string): Promise<StaticServer> {
  const cache = new CompressedCache();
  const server = createStaticServer(dir, {
    encode: (file, body, type, acceptEncoding) => {
      const { size, mtimeMs } = fs.statSync(file);
      return cache.encode(`${file} ${size} ${mtimeMs}`, body, type, acceptEncoding);
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
