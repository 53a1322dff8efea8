/**
 * The built apps: the PWA from dist/ at `/` (unknown extension-less paths fall back to its
 * index.html), the screens from dist-admin/<page>/ at /admin/, /bank/, /signin/.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { SCREENS } from '../admin/screens.ts';
import { CompressedCache } from './compress.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.map': 'application/json',
};


interface Found {
  body: Buffer;
  type: string;
  rel: string;
  /** Changes when the file does (a rebuild under a running server). */
  version: string;
}

async function file(root: string, rel: string): Promise<Found | null> {
  const full = path.resolve(root, '.' + rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null; // outside the folder
  try {
    const stat = await fs.stat(full);
    if (stat.isDirectory()) return file(root, path.posix.join(rel, 'index.html'));
    return {
      body: await fs.readFile(full), type: TYPES[path.extname(full)] ?? 'application/octet-stream', rel,
      version: `${full} ${stat.size} ${stat.mtimeMs}`,
    };
  } catch {
    return null;
  }
}

export function staticHandler(distDir: string, distAdminDir: string) {
  const dist = path.resolve(distDir);
  const distAdmin = path.resolve(distAdminDir);
  const compressed = new CompressedCache();
  return async (pathname: string, acceptEncoding?: string): Promise<Response> => {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return new Response('Bad Request', { status: 400 });
    }
    if (rel.includes('\0')) return new Response('Bad Request', { status: 400 });
    const page = SCREENS.find((p) => rel === `/${p}` || rel.startsWith(`/${p}/`));
    if (page && rel === `/${page}`) return new Response(null, { status: 308, headers: { location: `/${page}/` } });

    const found = page
      ? (await file(distAdmin, rel)) ?? (await file(distAdmin, `/${page}/index.html`))
      : (await file(dist, rel)) ?? (await file(distAdmin, rel)) ??
        (path.extname(rel) === '' ? await file(dist, '/index.html') : null);
    if (!found) {
      const missing = page ? `${distAdminDir}/${page}/` : `${distDir}/`;
      return new Response(`Not found. (Is ${missing} built? npm run build)`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    // Hashed build assets never change; everything else (HTML, sw.js, manifest) is revalidated.
    const immutable = /\/assets\//.test(found.rel);
    const headers: Record<string, string> = {
      'content-type': found.type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
    };
    const encoded = await compressed.encode(found.version, found.body, found.type, acceptEncoding);
    if (encoded) headers['content-encoding'] = encoded.encoding;
    return new Response(new Uint8Array(encoded?.body ?? found.body), { headers });
  };
}
