// A real SMTP server in-process: receives what Heraldo sends, parses nothing it need not.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  raw: string;
  header(name: string): string | undefined;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Makes RCPT TO answer with this code (e.g. 450 transient, 550 permanent) for matching
   *  addresses, `times` times (default: until cleared). */
  rejectRecipient(match: (address: string) => boolean, code: number, times?: number): void;
  clearRejections(): void;
  stop(): Promise<void>;
  /** Out of service until resumed: every new session and every message on an open one is
   *  refused with 421 (the server keeps its port, so nothing else can take it meanwhile). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Messages refused while paused. */
  refusedWhilePaused: number;
  /** Recipients refused by a rejectRecipient rule, once per refusal. */
  refused: string[];
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const rejections: { match: (a: string) => boolean; code: number; times: number }[] = [];
  let paused = false;
  const outOfService = () => Object.assign(new Error('Service not available, try again later'), { responseCode: 421 });
  const make = () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // On close, cut open (pooled) client connections quickly instead of waiting 30 s for them.
      closeTimeout: 200,
      onConnect(_session, callback) {
        if (paused) sink.refusedWhilePaused++;
        callback(paused ? outOfService() : undefined);
      },
      onMailFrom(_address, _session, callback) {
        if (paused) sink.refusedWhilePaused++;
        callback(paused ? outOfService() : undefined);
      },
      onRcptTo(address, _session, callback) {
        const rule = rejections.find((r) => r.times > 0 && r.match(address.address));
        if (!rule) return callback();
        rule.times -= 1;
        sink.refused.push(address.address);
        const err = Object.assign(new Error(`mailbox ${address.address} refused`), { responseCode: rule.code });
        callback(err);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
          const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            header: (name) => unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim(),
          });
          callback();
        });
      },
    });
    // A client killed mid-session (the fault tests SIGKILL workers) resets its connection;
    // that is the client's failure to report, not the sink's.
    smtp.on('error', () => {});
    return smtp;
  };
  const server = make();
  const actualPort = await new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)));
  const sink: SmtpSink = {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    messages,
    refusedWhilePaused: 0,
    refused: [],
    rejectRecipient: (match, code, times = Infinity) => void rejections.push({ match, code, times }),
    clearRejections: () => void rejections.splice(0),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    pause: async () => void (paused = true),
    resume: async () => void (paused = false),
  };
  return sink;
}
