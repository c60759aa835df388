// "Send a test to me": the message as it stands, by email and Slack DM, to the signed-in person
// only. Says per channel what was sent, or why not.
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18nContext';
import type { NewAnnouncement, TestOutcome, TestSendAnswer } from '../../types';

interface Props {
  /** The message to test, or null when the form is not complete (the composer shows why). */
  payload: () => NewAnnouncement | null;
}

const SKIP_REASONS = ['not_chosen', 'off', 'no_slack_account'] as const;

export function TestSend({ payload }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<TestSendAnswer | null>(null);
  const [error, setError] = useState('');

  async function send() {
    const body = payload();
    if (!body) return;
    setBusy(true);
    setError('');
    setAnswer(null);
    try {
      setAnswer(await api.post<TestSendAnswer>('/api/announcements/test', body));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 429
          ? t('publishing.test.tooMany')
          : err instanceof ApiError && err.status === 0
            ? t('common.network')
            : err instanceof ApiError && err.message
              ? err.message
              : t('common.error'),
      );
    } finally {
      setBusy(false);
    }
  }

  const line = (channel: 'email' | 'slack', o: TestOutcome) => {
    const name = t(`channel.${channel}`);
    if (o.status === 'sent') return channel === 'email' ? t('publishing.test.emailSent', { to: o.to }) : t('publishing.test.slackSent');
    if (o.status === 'skipped' && (SKIP_REASONS as readonly string[]).includes(o.reason)) {
      return t(`publishing.test.skipped.${o.reason as (typeof SKIP_REASONS)[number]}`, { channel: name });
    }
    return t('publishing.test.failed', { channel: name, reason: o.reason });
  };

  return (
    <div className="test-send">
      <button type="button" data-testid="test-send-button" disabled={busy} onClick={() => void send()}>
        {busy ? t('publishing.test.sending') : t('publishing.test.button')}
      </button>
      <div role="status" data-testid="test-send-result">
        {answer && (
          <ul className="test-send-result">
            <li data-channel="email">{line('email', answer.email)}</li>
            <li data-channel="slack">{line('slack', answer.slack)}</li>
          </ul>
        )}
        {error && <p className="field-error">{error}</p>}
      </div>
    </div>
  );
}
