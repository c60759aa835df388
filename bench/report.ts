// The results: the targets judged (reported, never asserted), the JSON files, the table.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmailResult } from './email.js';
import type { FanoutResult, FanoutRow } from './fanout.js';
import type { PeopleImportResult } from './people-import.js';
import { formatProfile, type ProfileSummary } from './profile.js';
import type { RealtimeRow } from './realtime.js';
import { RESULTS_DIR } from './util.js';

export interface Results {
  machine: Record<string, unknown>;
  run: { mode: 'quick' | 'full'; phases: string[]; startedAt: string; seconds: number; commit: string; dirty: boolean; profiled: boolean; variant: string | null };
  realtime: RealtimeRow[];
  fanout: FanoutRow[];
  fanoutAnalysis: Omit<FanoutResult, 'rows' | 'profiles'> | null;
  email: EmailResult | null;
  peopleImport: PeopleImportResult | null;
  targets: Target[];
  profiles: Record<string, ProfileSummary[]>;
}

export interface Target { name: string; target: string; measured: string; met: boolean | null }

const round2 = (n: number) => Math.round(n * 100) / 100;

export function judgeTargets(realtime: RealtimeRow[], fanout: FanoutResult | null, email: EmailResult | null): Target[] {
  const targets: Target[] = [];
  const big = realtime[realtime.length - 1];
  targets.push(
    big
      ? { name: `live fan-out p99 at ${big.clients} clients`, target: '≤ 1.3 × baseline p99', measured: `${big.p99Ms} ms vs ${big.baselineP99Ms} ms = ${big.ratioP99}×`, met: big.ratioP99 <= 1.3 }
      : { name: 'live fan-out p99', target: '≤ 1.3 × baseline p99', measured: 'not run', met: null },
  );
  targets.push(
    big
      ? { name: `memory per client at ${big.clients} clients`, target: '≤ 1.5 × baseline', measured: `${big.memoryPerClientKb} KiB vs ${big.baselineMemoryPerClientKb} KiB = ${big.memoryRatio}×`, met: big.memoryRatio <= 1.5 }
      : { name: 'memory per client', target: '≤ 1.5 × baseline', measured: 'not run', met: null },
  );
  targets.push(
    big
      ? {
          name: `connecting ${big.clients} clients`,
          target: '≤ 1.5 × baseline',
          measured: `${big.hub.connectSeconds} s vs ${big.baseline.connectSeconds} s = ${round2(big.hub.connectSeconds / big.baseline.connectSeconds)}×`,
          met: big.hub.connectSeconds <= 1.5 * big.baseline.connectSeconds,
        }
      : { name: 'connecting clients', target: '≤ 1.5 × baseline', measured: 'not run', met: null },
  );
  const rows = fanout?.rows ?? [];
  const largest = rows[rows.length - 1];
  // One announcement to everyone: 1,000,000 emitted within 30 s (a smaller largest audience in
  // proportion: 100,000 within 3 s).
  const goal = largest ? (30 * largest.recipients) / 1_000_000 : 30;
  targets.push(
    largest
      ? { name: `${largest.recipients} recipients in every inbox and emitted`, target: `≤ ${round2(goal)} s (30 s per 1,000,000)`, measured: `${largest.emittedSeconds} s`, met: largest.emittedSeconds <= goal }
      : { name: 'large audience', target: '≤ 30 s for 1,000,000', measured: 'not run', met: null },
  );
  const ratio = fanout?.perRecipientRatio ?? null;
  targets.push({
    name: 'per-recipient time, largest vs smallest audience',
    target: '≤ 1.5×',
    measured: ratio === null ? 'needs two audience sizes (full run)' : `${rows[rows.length - 1]!.perRecipientUs} µs vs ${rows[0]!.perRecipientUs} µs = ${ratio}×`,
    met: ratio === null ? null : ratio <= 1.5,
  });
  targets.push(
    email
      ? { name: `email, ${email.messages} messages`, target: '≥ 0.8 × raw nodemailer msgs/s', measured: `${email.perSecond}/s vs ${email.baselinePerSecond}/s = ${email.ratio}×`, met: email.ratio >= 0.8 }
      : { name: 'email', target: '≥ 0.8 × raw nodemailer msgs/s', measured: 'not run', met: null },
  );
  return targets;
}

export function importTarget(p: PeopleImportResult | null): Target {
  return p
    ? { name: `people import, ${p.rows} CSV rows`, target: '< 60 s (for 100,000)', measured: `${p.seconds} s (dry run ${p.dryRunSeconds} s, same file again ${p.reimportSeconds} s)`, met: p.seconds < 60 }
    : { name: 'people import', target: '< 60 s (for 100,000)', measured: 'not run', met: null };
}

/** Replaces some figures of latest.json, keeping the rest (a phase run on its own). */
export function updateLatest(figures: Partial<Results>): void {
  const file = path.join(RESULTS_DIR, 'latest.json');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...current, ...figures }, null, 2) + '\n');
}

export function writeResults(results: Results, writeLatest: boolean): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = results.run.startedAt.replace(/[:.]/g, '-');
  const file = path.join(RESULTS_DIR, `${stamp}.json`);
  const json = JSON.stringify(results, null, 2) + '\n';
  writeFileSync(file, json);
  if (writeLatest) writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
  return file;
}

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const numeric = (c: string) => /^[\d.,×%-]+$/.test(c);
  const line = (r: string[]) => r.map((c, i) => (numeric(c) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatResults(r: Results): string {
  const out: string[] = [''];
  out.push(`Heraldo benchmark (${r.run.mode}${r.run.variant ? `, hub variant ${r.run.variant}` : ''}, ${r.run.seconds} s) on ${r.machine.cores} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}`);
  if (r.realtime.length) {
    out.push('', 'Live fan-out: latency publish -> receipt, ms (hub | bare socket.io baseline)');
    out.push(
      table(
        ['clients', 'p50', 'p95', 'p99', 'max', 'last', 'base p50', 'base p99', 'base last', 'p99 ratio', 'connect s', 'base connect s', 'CPU s connect', 'base', 'CPU s sends', 'base', 'KiB/client', 'base KiB/client', 'missing', 'other cores'],
        r.realtime.map((x) => [
          x.clients, x.p50Ms, x.p95Ms, x.p99Ms, x.maxMs, x.lastMs, x.baselineP50Ms, x.baselineP99Ms, x.baselineLastMs,
          `${x.ratioP99}×`, x.hub.connectSeconds, x.baseline.connectSeconds,
          x.hub.serverCpuSeconds?.connect ?? '-', x.baseline.serverCpuSeconds?.connect ?? '-',
          x.hub.serverCpuSeconds?.announcements ?? '-', x.baseline.serverCpuSeconds?.announcements ?? '-',
          x.memoryPerClientKb, x.baselineMemoryPerClientKb, x.hub.missing + x.baseline.missing,
          `${x.hub.cpu.other}|${x.baseline.cpu.other}`,
        ]),
      ),
    );
  }
  if (r.fanout.length) {
    out.push('', 'Large audiences: one announcement to everyone (seconds from the publish request)');
    out.push(
      table(
        ['recipients', 'inbox s', 'emitted s', 'µs/recipient', 'SQL/1k', 'Redis/1k', 'SQL stmts', 'Redis cmds', 'CPU s hub', 'CPU s Postgres', 'other cores'],
        r.fanout.map((x) => [
          x.recipients, x.inboxSeconds, x.emittedSeconds, x.perRecipientUs, x.sqlPer1k, x.redisPer1k, x.sql.total, x.redis.total,
          x.cpuSeconds?.hub ?? '-', x.cpuSeconds?.postgres ?? '-', x.cpu.other,
        ]),
      ),
    );
  }
  if (r.email) {
    const e = r.email;
    out.push('', 'Email into the SMTP sink (messages per second, publish/start -> last message received)');
    out.push(
      table(
        ['sender', 'messages', 'seconds', 'msgs/s', 'steady msgs/s', 'bytes/msg', 'other cores'],
        [
          ['hub', e.hub.messages, e.hub.seconds, e.hub.perSecond, e.hub.steadyPerSecond, e.hub.avgBytes, e.hub.cpu.other],
          ['raw nodemailer', e.baseline.messages, e.baseline.seconds, e.baseline.perSecond, e.baseline.steadyPerSecond, e.baseline.avgBytes, e.baseline.cpu.other],
        ],
      ),
    );
  }
  if (r.peopleImport) {
    const p = r.peopleImport;
    out.push('', 'People import through POST /api/admin/users/import (seconds, request -> answer)');
    out.push(
      table(
        ['rows', 'MB', 'dry run s', 'import s', 'same file again s', 'created', 'again: created', 'again: updated'],
        [[p.rows, p.megabytes, p.dryRunSeconds, p.seconds, p.reimportSeconds, p.created, p.reimport.created, p.reimport.updated]],
      ),
    );
  }
  out.push('', '"other cores": average CPU cores used by processes outside this bench (and outside Postgres/Redis) during');
  out.push('the measurement, out of ' + String(r.machine.cores) + '; well above 0 means the numbers are disturbed by other work on the machine.');
  out.push('', 'Targets (reported, not asserted)');
  out.push(table(['target', 'goal', 'measured', 'met'], r.targets.map((t) => [t.name, t.target, t.measured, t.met === null ? '-' : t.met ? 'yes' : 'NO'])));
  for (const [phase, summaries] of Object.entries(r.profiles)) {
    for (const s of summaries) out.push('', `CPU profile, ${phase}:`, formatProfile(s, 12));
  }
  out.push('');
  return out.join('\n');
}
