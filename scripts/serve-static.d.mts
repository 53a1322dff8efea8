import type { Server } from 'node:http';

export interface Encoded {
  body: Buffer;
  encoding: string;
}

export function createStaticServer(
  root: string,
  options?: { encode?: (file: string, body: Buffer, type: string, acceptEncoding: string | undefined) => Promise<Encoded | null> },
): Server;
