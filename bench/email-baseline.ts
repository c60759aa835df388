// The email baseline, a child process of the runner (as the hub is): raw nodemailer with the
// hub's own pool settings (SMTP_POOL) sending `count` messages to the sink, one per
// recipient, with the same headers the hub sets. Reports {type: 'done', sent, failed, startedAt, ms}.
import nodemailer from 'nodemailer';
import { SMTP_POOL } from '../server/delivery/email.js';
import { now } from './util.js';

export interface EmailBaselineCommand { type: 'send'; url: string; count: number; from: string; subject: string; html: string; text: string }
export interface EmailBaselineDone { type: 'done'; sent: number; failed: number; firstError?: string; startedAt: number; ms: number }

process.once('message', async (cmd: EmailBaselineCommand) => {
  const transport = nodemailer.createTransport({ url: cmd.url, ...SMTP_POOL } as Parameters<typeof nodemailer.createTransport>[0]);
  const started = now();
  let sent = 0;
  let failed = 0;
  let firstError: string | undefined;
  await Promise.all(
    Array.from({ length: cmd.count }, (_, i) =>
      transport
        .sendMail({
          from: cmd.from,
          to: { name: `Employee ${i + 1}`, address: `emp${i + 1}@heraldo.test` },
          subject: cmd.subject,
          html: cmd.html,
          text: cmd.text,
          messageId: `<baseline-${i + 1}@localhost>`,
          headers: { 'X-Heraldo-Notification': String(i + 1) },
        })
        .then(
          () => void sent++,
          (err: Error) => {
            failed++;
            firstError ??= err.message;
          },
        ),
    ),
  );
  transport.close();
  const done: EmailBaselineDone = { type: 'done', sent, failed, firstError, startedAt: started, ms: now() - started };
  process.send!(done, () => process.exit(0));
});
process.send!({ type: 'ready' });
