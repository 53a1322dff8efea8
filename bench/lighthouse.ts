/**
 * Lighthouse 12.2.3 with its default (mobile) configuration on the app served statically, run as
 * its own CLI against Debian's Chromium (CHROME_PATH). Scores are 0–100.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { root } from './builds.ts';
import { chromiumPath } from '../scripts/chromium-path.mjs';

export interface LighthouseScores {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  failedAudits: string[];
}

export async function lighthouse(url: string, outDir: string): Promise<LighthouseScores> {
  const out = path.join(outDir, 'lighthouse.json');
  await promisify(execFile)(
    path.join(root, 'node_modules', '.bin', 'lighthouse'),
    [
      url,
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run',
      '--quiet',
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? chromiumPath() ?? '/usr/bin/chromium' }, timeout: 180_000 },
  );
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
    audits: Record<string, { score: number | null; scoreDisplayMode: string }>;
  };
  const score = (id: string) => Math.round((report.categories[id]?.score ?? NaN) * 100);
  // Audits that cost points: scored, weighted, and below full marks.
  const failedAudits = Object.entries(report.categories).flatMap(([cat, c]) =>
    c.auditRefs
      .filter((r) => r.weight > 0 && report.audits[r.id]?.score !== null && (report.audits[r.id]?.score ?? 1) < 1)
      .map((r) => `${cat}:${r.id}`),
  );
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    failedAudits,
  };
}
