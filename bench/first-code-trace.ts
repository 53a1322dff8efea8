/**
 * The renderer main thread from navigation start to the frame with the first code, from a Chromium
 * trace of each load (taken the peer bench's way: from a blank page; cold or served by the worker):
 * its CPU time (thread time, which waiting for a core on a loaded machine does not inflate, unlike
 * the wall-clock figures) and, with `--detail=1`, each task over `--min` ms and what it spent its
 * time on. Several builds (`--dist=base,candidate`) and the peer (`--peer=1`) are taken in turns:
 *   npx tsx bench/first-code-trace.ts [--dist=dist[,dist2]] [--peer=1] [--tokens=1] [--cpu=4] [--mode=cold|worker] [--runs=3] [--detail=1] [--min=1] [--cats=more,trace,categories]
 */
import path from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { serveStatic } from './static-server.ts';
import { addTokens, openSubject, peersDir } from './peer-timing.ts';
import { codeSeen } from './code-observer.ts';
import { arg, loadAverage } from './cli.ts';
import { buildNames } from './build-names.ts';
import { round } from './report.ts';
import { spread } from './stats.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: Record<string, unknown> } & Record<string, unknown>;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dists = (arg('dist') ?? path.join(root, 'dist')).split(',').filter(Boolean).map((d) => path.resolve(d));
const withPeer = arg('peer') === '1';
const tokens = Number(arg('tokens') ?? '1');
const cpu = Number(arg('cpu') ?? '4');
const mode = arg('mode') ?? 'cold';
const runs = Number(arg('runs') ?? '3');
const min = Number(arg('min') ?? '1');
const detail = arg('detail') === '1';

interface Load {
  frame: number;
  /** The renderer main thread's CPU (thread time) from navigation start to the frame, ms. */
  cpu: number;
  /** Its tasks' wall time over the same span, ms. */
  wall: number;
}

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const dirs = [...dists, ...(withPeer ? [path.join(peersDir(root)!, 'pwa-authenticator')] : [])];
const servers = await Promise.all(dirs.map((d) => serveStatic(d)));
try {
  const subjects = [];
  const names = buildNames(dists);
  for (const [i, server] of servers.entries()) {
    const peer = withPeer && i === servers.length - 1;
    const s = await openSubject(browser, peer ? 'pwa-authenticator' : names[i]!, `${server.origin}/`, peer ? 'en-US' : (arg('locale') ?? 'ja-JP'));
    await addTokens(s, 0, tokens);
    await s.cdp.send('Network.setBypassServiceWorker', { bypass: mode === 'cold' });
    await s.cdp.send('Network.setCacheDisabled', { cacheDisabled: mode === 'cold' });
    subjects.push({ s, origin: server.origin, loads: [] as Load[] });
  }
  for (let i = -1; i < runs; i++) {
    for (const { s, origin, loads } of subjects) {
      await s.page.goto('about:blank');
      await s.cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      await browser.startTracing(undefined, { categories: ['devtools.timeline', 'toplevel', 'blink.user_timing', 'loading', 'v8.execute', ...(arg('cats')?.split(',') ?? [])] });
      const { at: frameAt } = await codeSeen(s.page, () => s.page.goto(s.url, { waitUntil: 'commit' }));
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      await s.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      if (i < 0) continue;
      const ev = trace.traceEvents;
      const nav = ev.find((e) => e.name === 'navigationStart' && String((e.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL ?? '').startsWith(origin));
      if (!nav) throw new Error('no navigationStart in the trace');
      const threads = new Map(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
      const main = ev.filter((e) => e.pid === nav.pid && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
      const at = (e: TraceEvent) => round((e.ts - nav.ts) / 1000);
      const frameEnd = nav.ts + frameAt * 1000;
      // Tasks done before the frame: the frame's own task (its animation frame callbacks, then the
      // style, layout and paint of the page with the code) starts at the frame and is not counted.
      const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts >= nav.ts && e.ts + (e.dur ?? 0) <= frameEnd);
      const load: Load = { frame: frameAt, cpu: 0, wall: 0 };
      for (const t of tasks) {
        load.cpu += (t.tdur ?? t.dur ?? 0) / 1000;
        load.wall += (t.dur ?? 0) / 1000;
      }
      loads.push(load);
      if (!detail) continue;
      console.log(`\nrun ${i + 1}: ${s.name}, ${tokens} token(s), ${cpu}×, ${mode}; frame with the code at ${round(frameAt)} ms, main thread CPU ${round(load.cpu)} ms; load ${loadAverage()}`);
      for (const t of main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts >= nav.ts && e.ts < frameEnd + 1000)) {
        const ms = (t.dur ?? 0) / 1000;
        if (ms < min) continue;
        // What the task spent time on: the events directly inside it, by name, summed.
        const inside = main.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && e.name !== 'ThreadControllerImpl::RunTask');
        const top = inside.filter((e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0)));
        const sums = new Map<string, number>();
        for (const e of top) {
          const data = e.args?.data as { url?: string } | undefined;
          const label = `${e.name}${data?.url ? ` ${String(data.url).replace(/^.*\//, '')}` : ''}`;
          sums.set(label, (sums.get(label) ?? 0) + (e.dur ?? 0) / 1000);
        }
        const parts = [...sums].filter(([, v]) => v >= 0.3).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${round(v)}`);
        console.log(`  ${String(at(t)).padStart(6)} +${String(round(ms)).padStart(5)} (cpu ${String(round((t.tdur ?? 0) / 1000)).padStart(5)})  ${parts.join(', ')}`);
        // With --depth=N: the task's events as a tree, N levels deep, each over a tenth of the task.
        const depth = Number(arg('depth') ?? '0');
        const tree = (parent: TraceEvent, level: number, within: TraceEvent[]) => {
          if (level > depth) return;
          const kids = within.filter((e) => e !== parent && e.ts >= parent.ts && e.ts + (e.dur ?? 0) <= parent.ts + (parent.dur ?? 0));
          const direct = kids.filter((e) => !kids.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0)));
          for (const e of direct) {
            if ((e.dur ?? 0) < (t.dur ?? 0) / 10) continue;
            const data = e.args?.data as { url?: string; functionName?: string } | undefined;
            console.log(`  ${' '.repeat(14 + level * 2)}${e.name} ${round((e.dur ?? 0) / 1000)}${data?.url ? ` ${String(data.url).replace(/^.*\//, '')}` : ''}${data?.functionName ? ` ${data.functionName}` : ''}`);
            tree(e, level + 1, kids);
          }
        };
        tree(t, 1, inside);
      }
      const marks = ev.filter((e) => e.cat.includes('blink.user_timing') && e.pid === nav.pid && e.ts >= nav.ts && e.ts <= frameEnd).sort((a, b) => a.ts - b.ts);
      console.log(`  marks: ${marks.map((e) => `${e.name} ${at(e)}`).join(', ')}`);
      // The main thread's CPU between one mark and the next (a task across a mark counts where it starts).
      const spans = [...marks.filter((e) => !e.name.startsWith('navigationStart') && e.ts > nav.ts + 1000), { name: 'frame', ts: frameEnd } as TraceEvent];
      let from = nav.ts;
      const parts: string[] = [];
      for (const m of spans) {
        const inSpan = tasks.filter((t) => t.ts >= from && t.ts < m.ts);
        const ms = inSpan.reduce((sum, t) => sum + (t.tdur ?? 0) / 1000, 0);
        if (ms >= 0.5) parts.push(`→ ${m.name} ${round(ms)} (${inSpan.length} tasks)`);
        from = m.ts;
      }
      console.log(`  CPU by span: ${parts.join(', ')}`);
    }
  }
  console.log(`\n${tokens} token(s), ${cpu}×, ${mode}: medians of ${runs} traced loads (min–max); load ${loadAverage()}`);
  const first = subjects[0]!.loads;
  for (const { s, loads } of subjects) {
    const f = (k: keyof Load) => {
      const sp = spread(loads.map((l) => l[k]));
      const base = spread(first.map((l) => l[k])).median;
      return `${k} ${round(sp.median)} (${round(sp.min)}–${round(sp.max)})${loads !== first ? ` ÷ ${round(sp.median / base)}` : ''}`;
    };
    console.log(`  ${s.name.padEnd(20)} ${f('frame')}; main thread ${f('cpu')}, ${f('wall')}`);
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
