// Who used the machine's CPUs during a measurement: the bench's own processes (the runner and
// its children: hub, baseline, load generator), Postgres, Redis, and everything else. The
// machine is shared (other people's test runs, browsers); "other" says how much they took.
import { readFileSync, readdirSync } from 'node:fs';

const TICK = 100; // USER_HZ: clock ticks per second on Linux

interface ProcStat { ppid: number; comm: string; ticks: number; childTicks: number }

function readProcs(): Map<number, ProcStat> {
  const procs = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = text.lastIndexOf(')');
      const comm = text.slice(text.indexOf('(') + 1, close);
      // f[0] = state, f[1] = ppid, f[11] utime, f[12] stime, f[13] cutime, f[14] cstime (reaped children)
      const f = text.slice(close + 2).split(' ');
      procs.set(Number(name), { ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]) });
    } catch {
      // gone meanwhile
    }
  }
  return procs;
}

function machineTicks(): { busy: number; all: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const all = line.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = line[3]! + line[4]!; // idle + iowait
  return { busy: all - idle, all };
}

export interface CpuSnapshot { at: number; machine: { busy: number; all: number }; groups: Record<string, number> }

export function cpuSnapshot(): CpuSnapshot {
  const procs = readProcs();
  const groups: Record<string, number> = { bench: 0, postgres: 0, redis: 0 };
  const isBench = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; hops++) {
      if (p === process.pid) return true;
      p = procs.get(p)?.ppid ?? 0;
    }
    return false;
  };
  for (const [pid, p] of procs) {
    const group = isBench(pid) ? 'bench' : p.comm.startsWith('postgres') ? 'postgres' : p.comm.startsWith('redis') ? 'redis' : null;
    if (group) groups[group]! += p.ticks;
  }
  // Children that ended (a stopped hub, the seed script) count in the runner's reaped-children time.
  groups.bench! += procs.get(process.pid)?.childTicks ?? 0;
  return { at: Date.now(), machine: machineTicks(), groups };
}

export interface CpuUse { seconds: number; cores: number; machineBusyCores: number; bench: number; postgres: number; redis: number; other: number }

/** Average cores busy between two snapshots, by group (only live processes are counted per group). */
export function cpuUse(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const cores = Math.round((b.machine.all - a.machine.all) / TICK / Math.max(seconds, 0.001));
  const perSec = (ticks: number) => Math.round((ticks / TICK / Math.max(seconds, 0.001)) * 100) / 100;
  const g = (k: string) => Math.max(0, (b.groups[k] ?? 0) - (a.groups[k] ?? 0));
  const busy = b.machine.busy - a.machine.busy;
  return {
    seconds: Math.round(seconds * 10) / 10,
    cores,
    machineBusyCores: perSec(busy),
    bench: perSec(g('bench')),
    postgres: perSec(g('postgres')),
    redis: perSec(g('redis')),
    other: perSec(Math.max(0, busy - g('bench') - g('postgres') - g('redis'))),
  };
}

/**
 * CPU seconds one process has used so far (user + system). On a shared machine a server's own
 * CPU time for a piece of work moves much less with other people's load than its wall time.
 */
export function processCpuSeconds(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return 0;
  }
}
