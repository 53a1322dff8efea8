#!/usr/bin/env node
// A plain static server for a built folder, as the acceptance checks use: no headers of its own
// beyond content types, unknown paths without an extension fall back to index.html.
// Usage: node scripts/serve-static.mjs [dir=dist] [port=4173]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.wasm': 'application/wasm',
  '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain',
};

/**
 * An http.Server for `root` (not yet listening). `encode`, when given, may answer a file with a
 * compressed body, as a static host does: (file, body, type, acceptEncoding) → { body, encoding } | null.
 */
export function createStaticServer(root, { encode } = {}) {
  const dir = path.resolve(root);
  return http.createServer(async (req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      if (path.extname(file)) return void res.writeHead(404).end();
      file = path.join(dir, 'index.html');
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (!encode) {
      res.writeHead(200, headers);
      return void fs.createReadStream(file).pipe(res);
    }
    const body = fs.readFileSync(file);
    const encoded = await encode(file, body, headers['content-type'], req.headers['accept-encoding']);
    if (encoded) Object.assign(headers, { 'content-encoding': encoded.encoding, vary: 'Accept-Encoding' });
    res.writeHead(200, headers).end(encoded ? encoded.body : body);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = path.resolve(process.argv[2] || 'dist');
  const port = Number(process.argv[3] || process.env.PORT || 4173);
  createStaticServer(dir).listen(port, '127.0.0.1', () => console.log(`serving ${dir} at http://127.0.0.1:${port}/`));
}
