// The SMTP sink: a real SMTP server (smtp-server) in the runner's process that accepts every
// message, reads it to the end and counts it. Both the hub and the raw-nodemailer baseline
// send into it, so the receiving side costs them the same.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { now, waitFor } from './util.js';

export interface SinkStats { messages: number; bytes: number; firstAt: number; lastAt: number; sample: string }

export interface SmtpSink {
  url: string;
  stats(): SinkStats;
  reset(): void;
  /** Resolves once `count` messages arrived since the last reset. */
  waitForMessages(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let stats: SinkStats = { messages: 0, bytes: 0, firstAt: 0, lastAt: 0, sample: '' };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'heraldo bench sink',
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      const keep = stats.sample === '';
      stream.on('data', (c: Buffer) => {
        bytes += c.length;
        if (keep) chunks.push(c);
      });
      stream.on('end', () => {
        const t = now();
        if (stats.messages === 0) stats.firstAt = t;
        stats.lastAt = t;
        stats.messages++;
        stats.bytes += bytes;
        if (keep && stats.sample === '') stats.sample = Buffer.concat(chunks).toString('utf8');
        callback();
      });
    },
  });
  server.on('error', (err) => console.error('smtp sink error:', err.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    stats: () => ({ ...stats }),
    reset: () => {
      stats = { messages: 0, bytes: 0, firstAt: 0, lastAt: 0, sample: '' };
    },
    waitForMessages: (count, timeoutMs) => waitFor(() => stats.messages >= count, timeoutMs, `${count} messages at the SMTP sink (have ${stats.messages})`, 20),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
