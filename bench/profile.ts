// Where a process's CPU time went, from the .cpuprofile files `node --cpu-prof` writes: self
// time by function and by package/module. The runner summarizes the hub's profiles into the
// results; by hand: `node --import tsx bench/profile.ts <dir or .cpuprofile> [top]`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface ProfileSummary {
  file: string;
  wallSeconds: number;
  busySeconds: number;
  gcSeconds: number;
  topFunctions: { fn: string; where: string; selfMs: number; pct: number }[];
  byModule: { module: string; selfMs: number; pct: number }[];
}

/** node_modules/<pkg>, server/<file>, bench/<file>, node:<module>, or the V8 bucket. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const srv = /\/(server|bench)\/(.*)$/.exec(url);
  if (srv) return `${srv[1]}/${srv[2]}`;
  if (url.startsWith('node:')) return url.split('/')[0]!.replace(/^node:internal.*/, 'node:internal');
  return url;
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  const modules = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    if (functionName === '(garbage collector)') gc += us;
    const where = url ? `${moduleOf(url, functionName)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const f = fns.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    f.us += us;
    fns.set(key, f);
    const m = moduleOf(url, functionName);
    modules.set(m, (modules.get(m) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us: number) => Math.round((1000 * us) / Math.max(1, busy)) / 10;
  return {
    file: path.basename(file),
    wallSeconds: Math.round((profile.endTime - profile.startTime) / 1e4) / 100,
    busySeconds: Math.round(busy / 1e4) / 100,
    gcSeconds: Math.round(gc / 1e4) / 100,
    topFunctions: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, selfMs: Math.round(f.us / 1000), pct: pct(f.us) })),
    byModule: [...modules.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, selfMs: Math.round(us / 1000), pct: pct(us) })),
  };
}

/** Every .cpuprofile in a directory (a process writes one per thread), largest first. */
export function summarizeDir(dir: string, top = 25): ProfileSummary[] {
  let files: string[];
  try {
    files = statSync(dir).isDirectory() ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f)) : [dir];
  } catch {
    return [];
  }
  return files
    .sort((a, b) => statSync(b).size - statSync(a).size)
    .slice(0, 1) // the main thread; others are tiny helper threads
    .map((f) => summarizeProfile(f, top));
}

export function formatProfile(s: ProfileSummary, top = 15): string {
  const lines = [`${s.file}: ${s.busySeconds} s busy of ${s.wallSeconds} s (GC ${s.gcSeconds} s)`, '  self time by module:'];
  for (const m of s.byModule.slice(0, top)) lines.push(`    ${m.pct.toFixed(1).padStart(5)}%  ${String(m.selfMs).padStart(7)} ms  ${m.module}`);
  lines.push('  self time by function:');
  for (const f of s.topFunctions.slice(0, top)) lines.push(`    ${f.pct.toFixed(1).padStart(5)}%  ${String(f.selfMs).padStart(7)} ms  ${f.fn}  ${f.where}`);
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node --import tsx bench/profile.ts <dir or .cpuprofile> [top]');
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? 20);
  for (const s of summarizeDir(target, top)) console.log(formatProfile(s, top));
}
