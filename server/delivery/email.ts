// Email: one message per recipient per announcement, rendered from the templates and sent
// over a pooled SMTP transport. Which rows go out when: email-batch.ts.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Context } from '../context.js';
import type { AnnouncementView, RecipientView, Templates } from '../templates/index.js';
import { fillingRender } from '../templates/fill.js';
import { rawComposer } from './mime.js';
import { PermanentDeliveryError, type SendOutcome } from './delivery-task.js';

export const SMTP_POOL = { pool: true, maxConnections: 5, maxMessages: 1000 } as const;

export function createMailer(smtpUrl: string): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, ...SMTP_POOL } as Parameters<typeof nodemailer.createTransport>[0]);
}

/** SMTP 5xx (mailbox unknown, rejected) will fail again; 4xx and network errors may not. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** One recipient's email: the announcement as the templates see it, and who gets it. */
export interface EmailItem {
  view: AnnouncementView;
  notificationId: string;
  user: RecipientView;
  kind: 'announcement' | 'reminder';
  round: number;
}

export function emailSender(ctx: Context, templates: Templates, mailer: Transporter) {
  const host = new URL(ctx.config.publicUrl).hostname || 'heraldo';
  // Rendered once per language and time zone of a batch, filled per recipient (templates/fill.ts).
  const emailFor = fillingRender((a, r, o) => templates.email(a, r, o));
  const reminderFor = fillingRender((a, r, o) => templates.reminder(a, r, o));
  // Composed here as raw MIME (mime.ts); nodemailer composes only what that leaves to it.
  const compose = rawComposer(ctx.config.mailFrom);
  return async (item: EmailItem): Promise<SendOutcome> => {
    const { view, user, notificationId, kind, round } = item;
    // The link opens (and marks read) this very notification in the web client.
    const inboxUrl = new URL(`/inbox/${notificationId}`, ctx.config.publicUrl).toString();
    const reminder = kind === 'reminder';
    const mail = reminder ? reminderFor(view, user, { inboxUrl }) : emailFor(view, user, { inboxUrl });
    // A stable Message-ID lets mail systems drop the rare duplicate of an at-least-once send.
    const messageId = reminder ? `<reminder-${notificationId}-${round}@${host}>` : `<notification-${notificationId}@${host}>`;
    const headers = { 'X-Heraldo-Notification': notificationId };
    const to = { name: user.name, address: user.email };
    try {
      const composed = compose?.({ to, subject: mail.subject, html: mail.html, text: mail.text, messageId, headers }) ?? null;
      // The raw message carries its Message-ID already; given here too, it is what nodemailer
      // reports for the send (its info, its logs), as for a message it composes itself.
      if (composed) await mailer.sendMail({ ...composed, messageId });
      else await mailer.sendMail({ from: ctx.config.mailFrom, to, subject: mail.subject, html: mail.html, text: mail.text, messageId, headers });
      return { providerId: messageId };
    } catch (err) {
      if (isPermanent(err)) throw new PermanentDeliveryError(`SMTP refused: ${(err as Error).message}`);
      throw err;
    }
  };
}
