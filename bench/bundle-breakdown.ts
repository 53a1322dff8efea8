/**
 * What a built chunk is made of, from its source map: raw bytes per source file and each
 * source's gzip share (the gzip size saved if its bytes were gone), grouped by package.
 * Alone: `npx tsx bench/bundle-breakdown.ts dist/assets/index-*.js` (build with --sourcemap).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { isMain } from './cli.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let shift = 0;
  let value = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export interface SourceShare {
  source: string;
  rawBytes: number;
  gzipShare: number;
}

/** Short name: `svelte/internal/client/…` for packages, `src/…` for the app. */
function shortName(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) return source.slice(nm + 'node_modules/'.length).replace(/\/src\//, '/');
  const src = source.indexOf('/src/');
  return src >= 0 ? source.slice(src + 1) : source;
}

export function breakdown(chunkPath: string): SourceShare[] {
  const code = fs.readFileSync(chunkPath, 'utf8');
  const map = JSON.parse(fs.readFileSync(`${chunkPath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  // Every code character's source (index into map.sources, or -1 for glue).
  const owner: Int32Array[] = lines.map((l) => new Int32Array(l.length).fill(-1));
  let source = 0;
  map.mappings.split(';').forEach((line, li) => {
    if (li >= lines.length || !line) return;
    let col = 0;
    const points: [number, number][] = [];
    for (const seg of line.split(',')) {
      const v = decodeVlq(seg);
      col += v[0]!;
      if (v.length > 1) source += v[1]!;
      points.push([col, v.length > 1 ? source : -1]);
    }
    points.forEach(([start, s], i) => owner[li]!.fill(s, start, points[i + 1]?.[0] ?? lines[li]!.length));
  });
  const full = zlib.gzipSync(code, { level: 9 }).length;
  const names = map.sources.map(shortName);
  const raw = new Map<string, number>();
  owner.forEach((o) => o.forEach((s) => raw.set(s < 0 ? '(glue)' : names[s]!, (raw.get(s < 0 ? '(glue)' : names[s]!) ?? 0) + 1)));
  return [...raw.entries()]
    .map(([name, rawBytes]) => {
      const without = lines
        .map((l, li) => [...l].filter((_, ci) => { const s = owner[li]![ci]!; return (s < 0 ? '(glue)' : names[s]) !== name; }).join(''))
        .join('\n');
      return { source: name, rawBytes, gzipShare: full - zlib.gzipSync(without, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipShare - a.gzipShare);
}

if (isMain(import.meta.url)) {
  for (const file of process.argv.slice(2)) {
    const rows = breakdown(file);
    const pkg = new Map<string, [number, number]>();
    for (const r of rows) {
      const group = r.source.startsWith('src/') ? r.source.split('/').slice(0, 3).join('/') : r.source.split('/')[0]!;
      const [a, b] = pkg.get(group) ?? [0, 0];
      pkg.set(group, [a + r.rawBytes, b + r.gzipShare]);
    }
    console.log(`${path.basename(file)}: ${fs.statSync(file).size} B raw, ${zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length} B gzip`);
    console.log('  by group (raw B, gzip share B):');
    for (const [g, [raw, gz]] of [...pkg.entries()].sort((a, b) => b[1][1] - a[1][1])) console.log(`    ${String(raw).padStart(7)} ${String(gz).padStart(6)}  ${g}`);
    console.log('  by source:');
    for (const r of rows.slice(0, 60)) console.log(`    ${String(r.rawBytes).padStart(7)} ${String(r.gzipShare).padStart(6)}  ${r.source}`);
  }
}
