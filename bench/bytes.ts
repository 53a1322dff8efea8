/**
 * Bytes of a built app: what the home screen loads (the entry script, its static imports and
 * stylesheets, as index.html names them) and every lazily loaded file by name, gzip and brotli
 * at their highest levels (what a server would precompress).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface FileBytes {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface AppBytes {
  home: { js: FileBytes[]; css: FileBytes[]; total: Omit<FileBytes, 'file'> };
  lazy: FileBytes[];
}

/** One built file's size: raw, and gzip and brotli at their highest levels. */
export function measure(dir: string, file: string): FileBytes {
  const body = fs.readFileSync(path.join(dir, file));
  return {
    file,
    raw: body.length,
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Files a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import()`. */
function staticImports(dir: string, file: string): string[] {
  const code = fs.readFileSync(path.join(dir, file), 'utf8');
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
    found.add(path.posix.join(path.posix.dirname(file), m[1]!));
  }
  return [...found];
}

export function appBytes(dir: string, html = 'index.html'): AppBytes {
  const page = fs.readFileSync(path.join(dir, html), 'utf8');
  const local = (url: string) => url.replace(/^\//, '');
  const entries = [...page.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)].map((m) => local(m[1]!));
  const preloads = [...page.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => local(m[1]!));
  const styles = [...page.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => local(m[1]!));
  const js = new Set<string>();
  const visit = (file: string) => {
    if (js.has(file)) return;
    js.add(file);
    staticImports(dir, file).forEach(visit);
  };
  [...entries, ...preloads].forEach(visit);
  const homeJs = [...js].map((f) => measure(dir, f));
  const homeCss = styles.map((f) => measure(dir, f));
  const all = [...homeJs, ...homeCss];
  const total = {
    raw: all.reduce((s, f) => s + f.raw, 0),
    gzip: all.reduce((s, f) => s + f.gzip, 0),
    brotli: all.reduce((s, f) => s + f.brotli, 0),
  };
  const home = new Set([...js, ...styles]);
  const lazy = fs
    .readdirSync(path.join(dir, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => !home.has(f) && /\.(js|css|wasm)$/.test(f))
    .map((f) => measure(dir, f))
    .sort((a, b) => b.gzip - a.gzip);
  return { home: { js: homeJs, css: homeCss, total }, lazy };
}
