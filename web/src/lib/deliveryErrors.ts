// A failed delivery's reason as people read it: a sentence in their language first, the
// provider's own words (SMTP reply, Slack error code) kept for whoever must dig deeper.
// Known provider codes are matched in the raw text the server recorded, e.g.
// "… 550 5.1.1 <carol@…>: Recipient address rejected" or "Slack refused: channel_not_found".
import type { MessageKey } from '../i18n';

type Rule = [RegExp, MessageKey];

const SLACK: Rule[] = [
  [/channel_not_found/, 'delivery.slack.channelNotFound'],
  [/not_in_channel/, 'delivery.slack.notInChannel'],
  [/is_archived/, 'delivery.slack.archived'],
  [/invalid_auth|not_authed|token_revoked|token_expired|account_inactive|missing_scope/, 'delivery.slack.auth'],
  [/rate.?limit/i, 'delivery.slack.rateLimited'],
  [/msg_too_long|invalid_blocks|too_many_attachments/, 'delivery.slack.rejectedMessage'],
];

const EMAIL: Rule[] = [
  [/\b5\.1\.1\b|\b550\b.*(unknown|no such|does not exist|not found)/i, 'delivery.email.unknownMailbox'],
  [/\b5\.2\.2\b|\b552\b|mailbox full|quota/i, 'delivery.email.mailboxFull'],
  [/\b553\b|\b5\.1\.[0-9]\b/, 'delivery.email.badAddress'],
  [/\b535\b|EAUTH/, 'delivery.email.auth'],
  [/\b5\.7\.[0-9]\b|\b554\b|spam|blocked|policy/i, 'delivery.email.policy'],
  [/\b550\b/, 'delivery.email.refused'],
  [/\b4[0-9]{2}\b|\b4\.[0-9]\.[0-9]\b/, 'delivery.email.temporary'],
  [/ECONNREFUSED|ETIMEDOUT|ENOTFOUND|ECONNRESET|ESOCKET|EDNS|Greeting never received|Connection (timeout|closed)/i, 'delivery.email.unreachable'],
];

/** The message key of a sentence for this failure, or the generic one. */
export function deliveryErrorKey(channel: string, raw: string | null | undefined): MessageKey {
  const rules = channel === 'slack' ? SLACK : channel === 'email' ? EMAIL : [];
  const text = raw ?? '';
  return rules.find(([pattern]) => pattern.test(text))?.[1] ?? 'delivery.unknown';
}
