// "How will it look?" — email (sandboxed iframe) and Slack previews from the server templates.
// The endpoint may not exist yet (404): then we say the preview is unavailable.
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18nContext';
import type { Audience, EmailPreview, Priority, SlackPreview } from '../../types';
import { EmailFrame } from './EmailFrame';
import { SlackBlocks } from './SlackBlocks';

interface Props {
  title: string;
  body: string;
  priority: Priority;
  audience: Audience;
}

type Result =
  | { channel: 'email'; data: EmailPreview }
  | { channel: 'slack'; data: SlackPreview }
  | { channel: 'email' | 'slack'; unavailable: true; message?: string };

export function ChannelPreviews({ title, body, priority, audience }: Props) {
  const { t } = useI18n();
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);

  async function preview(channel: 'email' | 'slack') {
    if (busy) return;
    setBusy(true);
    try {
      const data = await api.post<EmailPreview | SlackPreview>('/api/templates/preview', {
        channel,
        title,
        body,
        priority,
        audience,
      });
      setResult(channel === 'email' ? { channel, data: data as EmailPreview } : { channel, data: data as SlackPreview });
    } catch (err) {
      // 404: the preview endpoint is not there (yet); 400: say what the server objects to.
      const message = err instanceof ApiError && err.status === 400 ? err.message : undefined;
      setResult({ channel, unavailable: true, message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="channel-previews" aria-labelledby="channel-previews-title">
      <h2 id="channel-previews-title">{t('composer.channelPreviews')}</h2>
      {/* aria-disabled, not disabled, while loading: a disabled button drops focus to <body>. */}
      <div className="button-row">
        <button type="button" aria-disabled={busy} onClick={() => void preview('email')} data-testid="preview-email">
          {t('composer.previewEmail')}
        </button>
        <button type="button" aria-disabled={busy} onClick={() => void preview('slack')} data-testid="preview-slack">
          {t('composer.previewSlack')}
        </button>
      </div>
      <div aria-live="polite">
        {result && 'unavailable' in result && (
          <p className="muted">
            {t('composer.previewUnavailable')} {result.message}
          </p>
        )}
        {result && 'data' in result && result.channel === 'email' && (
          <div className="email-preview">
            <p>
              <strong>{t('composer.emailSubject')}:</strong> {result.data.subject}
            </p>
            <EmailFrame html={result.data.html} title={t('composer.emailFrame')} />
          </div>
        )}
        {result && 'data' in result && result.channel === 'slack' && (
          <div className="slack-preview" aria-label={t('composer.slackFrame')} role="group">
            <SlackBlocks blocks={Array.isArray(result.data.blocks) ? result.data.blocks : []} fallback={result.data.text} />
            <details>
              <summary>{t('composer.slackJson')}</summary>
              <pre>{JSON.stringify(result.data.blocks, null, 2)}</pre>
            </details>
          </div>
        )}
      </div>
    </section>
  );
}
