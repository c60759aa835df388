// Email: one announcement by email to every generated employee, into the SMTP sink; then raw
// nodemailer with the same pool settings sending the same number of messages of the same
// content (the hub's first rendered message, taken apart) to the same sink.
import { fork } from 'node:child_process';
import path from 'node:path';
import { cpuSnapshot, cpuUse, type CpuSnapshot, type CpuUse } from './cpu.js';
import { deliveryCounts, fanoutState, seedEmployees, type Db } from './database.js';
import type { EmailBaselineCommand, EmailBaselineDone } from './email-baseline.js';
import { login, publish } from './hub-api.js';
import { startHub } from './processes.js';
import type { SmtpSink } from './smtp-sink.js';
import { countedServices, diffCounts } from './wire-counter.js';
import { BENCH_DIR, DATABASE_URL, REDIS_URL, REPO, log, now, round, waitFor } from './util.js';

export interface EmailSide { messages: number; seconds: number; perSecond: number; steadyPerSecond: number; avgBytes: number; cpu: CpuUse }

export interface EmailResult {
  /** Hub's statements and commands per message, counted at the wire (only with --profile: the proxies cost time). */
  perMessage?: { sql: number; redis: number; sqlByKind: Record<string, number>; redisByKind: Record<string, number> };
  messages: number;
  perSecond: number;
  baselinePerSecond: number;
  ratio: number;
  hub: EmailSide & { deliveries: Record<string, number>; queuedSeconds: number };
  baseline: EmailSide & { failed: number };
  profiles: string[];
}

function side(sink: SmtpSink, startedAt: number, cpu0: CpuSnapshot): EmailSide {
  const s = sink.stats();
  const cpu = cpuUse(cpu0, cpuSnapshot());
  const seconds = (s.lastAt - startedAt) / 1000;
  return {
    messages: s.messages,
    seconds: round(seconds, 3),
    perSecond: round(s.messages / seconds, 1),
    steadyPerSecond: round((s.messages - 1) / ((s.lastAt - s.firstAt) / 1000), 1),
    avgBytes: Math.round(s.bytes / Math.max(1, s.messages)),
    cpu,
  };
}

/** The html and text parts and the subject of a message as nodemailer wrote it. */
export function takeApart(raw: string): { subject: string; html: string; text: string } | null {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r\n[ \t]/g, ' ') ?? '';
  if (!boundary) return null;
  const decode = (part: string) => {
    const i = part.indexOf('\r\n\r\n');
    const headers = part.slice(0, i);
    const body = part.slice(i + 4).replace(/\r\n$/, '');
    if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
    if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
      const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    return body;
  };
  const parts = rest.join('\r\n\r\n').split(`--${boundary}`);
  const html = parts.find((p) => /content-type:\s*text\/html/i.test(p));
  const text = parts.find((p) => /content-type:\s*text\/plain/i.test(p));
  return html && text ? { subject, html: decode(html), text: decode(text) } : null;
}

function runBaseline(cmd: EmailBaselineCommand): Promise<EmailBaselineDone> {
  const child = fork(path.join(BENCH_DIR, 'email-baseline.ts'), [], { cwd: REPO, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('message', (m: { type: string }) => {
      if (m.type === 'ready') child.send(cmd);
      else if (m.type === 'done') resolve(m as EmailBaselineDone);
    });
    child.once('exit', (code) => reject(new Error(`email baseline exited (${code}) before reporting`)));
  });
}

export async function runEmail(db: Db, sink: SmtpSink, size: number, opts: { profile: boolean; variant?: string }): Promise<EmailResult> {
  const users = await seedEmployees(db, size);
  const wire = opts.profile ? await countedServices(DATABASE_URL, REDIS_URL) : null;
  const hub = await startHub('hub-email', { smtpUrl: sink.url, profile: opts.profile, variant: opts.variant, databaseUrl: wire?.databaseUrl, redisUrl: wire?.redisUrl });
  let hubSide: EmailResult['hub'];
  let sample: string;
  let perMessage: EmailResult['perMessage'];
  try {
    const token = await login(hub.url);
    sink.reset();
    const before = wire && { pg: wire.pg.snapshot(), redis: wire.redis.snapshot() };
    const cpu0 = cpuSnapshot();
    const p = await publish(hub.url, token, 'Quarterly all-hands moves to Thursday', ['email']);
    await waitFor(async () => (await fanoutState(db, p.id)).fannedOutAt !== null, 600_000, 'email fan-out', 50);
    const queuedSeconds = round((now() - p.sentAt) / 1000, 3);
    await sink.waitForMessages(users, 900_000);
    const s = side(sink, p.sentAt, cpu0);
    await waitFor(async () => ((await deliveryCounts(db, p.id)).sent ?? 0) >= users, 60_000, 'every delivery marked sent').catch((e: Error) => log(`  ${e.message}`));
    hubSide = { ...s, deliveries: await deliveryCounts(db, p.id), queuedSeconds };
    if (wire && before) {
      const sql = diffCounts(wire.pg.snapshot(), before.pg);
      const red = diffCounts(wire.redis.snapshot(), before.redis);
      const per = (n: number) => round(n / s.messages, 2);
      const perKind = (byKind: Record<string, number>) => Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, per(v)]).filter(([, v]) => Number(v) >= 0.01));
      perMessage = { sql: per(sql.total), redis: per(red.total), sqlByKind: perKind(sql.byKind), redisByKind: perKind(red.byKind) };
      log(`  email hub: ${perMessage.sql} SQL statements and ${perMessage.redis} Redis commands per message`);
    }
    sample = sink.stats().sample;
    log(`  email hub: ${s.messages} messages in ${s.seconds} s = ${s.perSecond}/s (steady ${s.steadyPerSecond}/s, ${s.avgBytes} bytes each)`);
  } finally {
    await hub.stop();
    await wire?.close();
  }

  const content = takeApart(sample) ?? { subject: 'Quarterly all-hands moves to Thursday', html: '<p>' + 'x'.repeat(hubSide.avgBytes) + '</p>', text: 'x' };
  sink.reset();
  const cpu1 = cpuSnapshot();
  const done = await runBaseline({ type: 'send', url: sink.url, count: users, from: 'Heraldo <heraldo@localhost>', ...content });
  await sink.waitForMessages(done.sent, 60_000);
  const b = side(sink, done.startedAt, cpu1);
  log(`  email baseline: ${b.messages} messages in ${b.seconds} s = ${b.perSecond}/s (${b.avgBytes} bytes each)`);
  if (done.failed) log(`  email baseline: ${done.failed} failed, first: ${done.firstError}`);
  return {
    perMessage,
    messages: hubSide.messages,
    perSecond: hubSide.perSecond,
    baselinePerSecond: b.perSecond,
    ratio: round(hubSide.perSecond / b.perSecond),
    hub: hubSide,
    baseline: { ...b, failed: done.failed },
    profiles: hub.profileDir ? [hub.profileDir] : [],
  };
}
