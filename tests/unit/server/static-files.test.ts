// The built files as the service sends them: compressed when the browser takes it, byte-exact
// once decoded, and as they are for formats that do not shrink or browsers that refuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { staticHandler } from '../../../server/static-files.ts';
import { pickEncoding } from '../../../server/compress.ts';

describe('static files', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-static-'));
  const admin = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-static-admin-'));
  const js = `export const strings = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `トークン ${i}`))};\n`;
  const png = Buffer.alloc(4096, 7);
  let serve: ReturnType<typeof staticHandler>;

  beforeAll(() => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), js);
    fs.writeFileSync(path.join(dist, 'icon.png'), png);
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>x</title>');
    serve = staticHandler(dist, admin);
  });
  afterAll(() => {
    fs.rmSync(dist, { recursive: true, force: true });
    fs.rmSync(admin, { recursive: true, force: true });
  });

  it('sends brotli, else gzip, and the decoded bytes are the file', async () => {
    const br = await serve('/assets/app-1234.js', 'gzip, deflate, br, zstd');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('cache-control')).toContain('immutable');
    const brBody = Buffer.from(await br.arrayBuffer());
    expect(brBody.length).toBeLessThan(Buffer.byteLength(js) / 3);
    expect(zlib.brotliDecompressSync(brBody).toString()).toBe(js);

    const gz = await serve('/assets/app-1234.js', 'gzip, deflate');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(js);
  });

  it('sends the file as it is without Accept-Encoding, when refused by q=0, for PNG and tiny files', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const res = await serve('/assets/app-1234.js', accept);
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(await res.text()).toBe(js);
    }
    const img = await serve('/icon.png', 'br, gzip');
    expect(img.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await img.arrayBuffer())).toEqual(png);
    const html = await serve('/', 'br');
    expect(html.headers.get('content-encoding')).toBeNull(); // 31 bytes: not worth a header
    expect(await html.text()).toContain('<title>x</title>');
  });

  it('a rebuilt file is compressed again, not served from the old copy', async () => {
    const file = path.join(dist, 'assets', 'app-1234.js');
    const changed = js.replace('トークン 0', 'トークン ZERO');
    fs.writeFileSync(file, changed);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const res = await serve('/assets/app-1234.js', 'br');
    expect(zlib.brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(changed);
  });

  it('reads Accept-Encoding like browsers write it', () => {
    const big = 10_000;
    expect(pickEncoding('gzip, deflate, br', 'text/javascript', big)).toBe('br');
    expect(pickEncoding('GZIP', 'text/css', big)).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5', 'application/wasm', big)).toBe('gzip');
    expect(pickEncoding('deflate', 'text/html', big)).toBeNull();
    expect(pickEncoding('br', 'image/png', big)).toBeNull();
    expect(pickEncoding('br', 'image/svg+xml', big)).toBe('br');
  });
});
