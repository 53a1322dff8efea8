/** What every bench script shares when run on its own: its command line and how it prints its figures. */
import os from 'node:os';
import { pathToFileURL } from 'node:url';

/** True when `moduleUrl` (pass `import.meta.url`) is the script node was started with, not an import from bench/run.ts. */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return Boolean(script) && moduleUrl === pathToFileURL(script!).href;
}

/** The value of `--name=value` on the command line, if given. */
export function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The one-minute load average to a tenth: printed beside the figures, as the machine is shared and noisy. */
export function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 10) / 10;
}

/** The heading, then one `  name: value` line per figure; returns the figures. */
export function printFigures<T extends Record<string, unknown>>(log: (line: string) => void, heading: string, figures: T): T {
  log(heading);
  for (const [k, v] of Object.entries(figures)) log(`  ${k}: ${v}`);
  return figures;
}
