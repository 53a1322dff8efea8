// The builds of an A/B by name, for the bench's rows.
import path from 'node:path';

/**
 * Short names for the builds of an A/B: each folder's own name, or, where two share it (main/dist
 * and cand/dist), as much of the path as tells them apart.
 */
export function buildNames(dirs: readonly string[]): string[] {
  const parts = dirs.map((d) => path.resolve(d).split(path.sep).filter(Boolean));
  for (let depth = 1; ; depth++) {
    const names = parts.map((p) => p.slice(-depth).join('/'));
    if (new Set(names).size === names.length || depth >= Math.max(...parts.map((p) => p.length))) return names;
  }
}
