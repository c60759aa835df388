// "Send a test to me": the composer's message, rendered by the very templates the workers use,
// sent at once to the signed-in person only: an email (subject prefixed "[TEST] ") and a Slack
// direct message. Nothing is stored (no announcement, notification or delivery): the answer
// says, per channel, what was sent or why not.
import type { WebClient } from '@slack/web-api';
import type { Transporter } from 'nodemailer';
import type { AnnouncementView, RecipientView, Templates } from '../templates/index.js';
// The outcome per channel is the wire's (the composer's test-send button reads it).
import type { TestOutcome } from '../wire/index.js';

export const TEST_PREFIX = '[TEST] ';

export interface TestSendInput {
  view: AnnouncementView;
  recipient: RecipientView;
  channels: string[];
  inboxUrl: string;
}

export interface TestSenders {
  mailer: Transporter | null;
  mailFrom: string;
  slack: WebClient | null;
}

/** Provider messages can carry addresses or tokens of others; keep only the short code. */
const reasonOf = (err: unknown) => {
  const e = err as { code?: string; responseCode?: number; data?: { error?: string } };
  return e.data?.error ?? (e.responseCode ? `smtp_${e.responseCode}` : e.code ?? 'error');
};

export async function sendTestEmail(templates: Templates, senders: TestSenders, input: TestSendInput): Promise<TestOutcome> {
  if (!input.channels.includes('email')) return { status: 'skipped', reason: 'not_chosen' };
  if (!senders.mailer) return { status: 'skipped', reason: 'off' };
  const mail = templates.email(input.view, input.recipient, { inboxUrl: input.inboxUrl });
  try {
    await senders.mailer.sendMail({
      from: senders.mailFrom,
      to: { name: input.recipient.name, address: input.recipient.email },
      subject: `${TEST_PREFIX}${mail.subject}`,
      html: mail.html,
      text: mail.text,
      headers: { 'X-Heraldo-Test': 'true' },
    });
    return { status: 'sent', to: input.recipient.email };
  } catch (err) {
    return { status: 'failed', reason: reasonOf(err) };
  }
}

export async function sendTestSlack(templates: Templates, senders: TestSenders, input: TestSendInput): Promise<TestOutcome> {
  if (!input.channels.includes('slack')) return { status: 'skipped', reason: 'not_chosen' };
  if (!senders.slack) return { status: 'skipped', reason: 'off' };
  try {
    const found = await senders.slack.users.lookupByEmail({ email: input.recipient.email }).catch((err: unknown) => {
      if (reasonOf(err) === 'users_not_found') return null;
      throw err;
    });
    const userId = found?.user?.id;
    if (!userId) return { status: 'skipped', reason: 'no_slack_account' };
    const message = templates.slack(input.view, { inboxUrl: input.inboxUrl, locale: input.recipient.locale, timezone: input.recipient.timezone });
    const note = { type: 'context', elements: [{ type: 'mrkdwn', text: `${TEST_PREFIX}Preview sent only to you.` }] };
    // A DM: the channel is the person's user id.
    await senders.slack.chat.postMessage({
      channel: userId,
      text: `${TEST_PREFIX}${message.text}`,
      blocks: [note, ...message.blocks] as never,
      unfurl_links: false,
    });
    return { status: 'sent', to: userId };
  } catch (err) {
    return { status: 'failed', reason: reasonOf(err) };
  }
}
