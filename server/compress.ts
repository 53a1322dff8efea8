/**
 * Compressed copies of the built files, made once per file version and kept in memory: the phone
 * on a poor signal gets the home screen in about a third of the bytes. Brotli when the browser
 * takes it, else gzip; already-compressed formats (PNG) and tiny files go as they are.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|wasm)|image\/svg\+xml)/;
const MIN_BYTES = 512;

export type Encoding = 'br' | 'gzip';

/** The encoding to send, from the request's Accept-Encoding (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | undefined, type: string, size: number): Encoding | null {
  if (!acceptEncoding || size < MIN_BYTES || !COMPRESSIBLE.test(type)) return null;
  const accepted = new Set(
    acceptEncoding.split(',').flatMap((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return q && Number(q.slice(2)) === 0 ? [] : [name!.trim()];
    }),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/** Compressed bodies by file and version (path, size and mtime), each made once, off the main thread. */
export class CompressedCache {
  #entries = new Map<string, Promise<Buffer>>();

  /** The body to send for this request: compressed by `pickEncoding`'s choice, or null to send it as it is. */
  async encode(version: string, body: Buffer, type: string, acceptEncoding: string | undefined): Promise<{ encoding: Encoding; body: Buffer } | null> {
    const encoding = pickEncoding(acceptEncoding, type, body.length);
    return encoding ? { encoding, body: await this.#get(version, body, encoding) } : null;
  }

  #get(key: string, body: Buffer, encoding: Encoding): Promise<Buffer> {
    const id = `${encoding} ${key}`;
    let entry = this.#entries.get(id);
    if (!entry) {
      entry =
        encoding === 'br'
          ? brotli(body, {
              params: {
                // Best ratio for the small files that decide the first load; the large wasm gets a faster setting.
                [zlib.constants.BROTLI_PARAM_QUALITY]: body.length < 256 * 1024 ? 11 : 6,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            })
          : gzip(body, { level: 9 });
      entry.catch(() => this.#entries.delete(id));
      this.#entries.set(id, entry);
    }
    return entry;
  }
}
