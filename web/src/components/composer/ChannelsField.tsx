// The composer's channels: in-app, email, Slack. Those the server has off (no SMTP_URL /
// SLACK_BOT_TOKEN) are greyed out, with the reason next to them.
import { useI18n } from '../../i18nContext';
import { CHANNELS, type Channel } from '../../types';
import { describedBy, FieldError } from '../FieldError';

interface Props {
  channels: Channel[];
  isOff: (channel: Channel) => boolean;
  error?: string;
  onToggle: (channel: Channel, on: boolean) => void;
}

export function ChannelsField({ channels, isOff, error, onToggle }: Props) {
  const { t } = useI18n();
  return (
    <fieldset className="field" data-field="channels" aria-describedby={describedBy(error && 'composer-channels-error')}>
      <legend>{t('composer.channels')}</legend>
      <div className="choices">
        {CHANNELS.map((c) => (
          <label key={c} className="choice">
            <input
              type="checkbox"
              name="channels"
              value={c}
              checked={channels.includes(c) && !isOff(c)}
              disabled={isOff(c)}
              onChange={(e) => onToggle(c, e.target.checked)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(error && 'composer-channels-error', isOff(c) && `composer-channel-off-${c}`)}
            />
            {t(`channel.${c}`)}
          </label>
        ))}
      </div>
      {CHANNELS.filter(isOff).map((c) => (
        <p key={c} id={`composer-channel-off-${c}`} className="hint" data-testid={`channel-off-${c}`}>
          {t(`composer.channelOff.${c as 'email' | 'slack'}`)}
        </p>
      ))}
      <FieldError id="composer-channels-error" message={error} />
    </fieldset>
  );
}
