import { describe, expect, it } from 'vitest';
import { translate } from '../i18n';
import { deliveryErrorKey } from './deliveryErrors';

describe('deliveryErrorKey', () => {
  it('reads the provider codes people meet', () => {
    const cases: [string, string, string][] = [
      ['email', "Can't send mail - all recipients were rejected: 550 5.1.1 <carol@heraldo.test>: Recipient address rejected: User unknown", 'delivery.email.unknownMailbox'],
      ['email', '550 No such user here', 'delivery.email.unknownMailbox'],
      ['email', '553 5.1.3 Bad recipient address syntax', 'delivery.email.badAddress'],
      ['email', '552 5.2.2 Mailbox full', 'delivery.email.mailboxFull'],
      ['email', '554 5.7.1 Message rejected as spam', 'delivery.email.policy'],
      ['email', '550 Message refused', 'delivery.email.refused'],
      ['email', '450 4.2.1 Mailbox busy, try later', 'delivery.email.temporary'],
      ['email', 'connect ECONNREFUSED 127.0.0.1:2525', 'delivery.email.unreachable'],
      ['email', 'Invalid login: 535 Authentication failed', 'delivery.email.auth'],
      ['slack', 'Slack refused: channel_not_found', 'delivery.slack.channelNotFound'],
      ['slack', 'An API error occurred: not_in_channel', 'delivery.slack.notInChannel'],
      ['slack', 'Slack refused: is_archived', 'delivery.slack.archived'],
      ['slack', 'Slack refused: invalid_auth', 'delivery.slack.auth'],
      ['slack', 'Slack rate limit: retry after 30s', 'delivery.slack.rateLimited'],
      ['slack', 'something new', 'delivery.unknown'],
      ['email', '', 'delivery.unknown'],
    ];
    for (const [channel, raw, key] of cases) expect(deliveryErrorKey(channel, raw), raw).toBe(key);
  });

  it('says it in Spanish too', () => {
    expect(translate('es', deliveryErrorKey('email', '550 5.1.1 unknown'))).toBe('Esta dirección de correo no existe en el servidor del destinatario.');
    expect(translate('es', deliveryErrorKey('slack', 'Slack refused: channel_not_found'))).toMatch(/^El canal de Slack no existe/);
  });
});
