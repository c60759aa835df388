// Always present (data-testid="connection-status", data-state=connecting|connected|
// reconnecting). Shown as a prominent banner while the realtime connection is down.
import { useI18n } from '../i18nContext';
import type { ConnectionState } from '../socket';

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  const text =
    state === 'connected' ? t('conn.connected') : state === 'reconnecting' ? t('conn.reconnecting') : t('conn.connecting');
  return (
    <div
      className={`connection-status connection-${state}`}
      data-testid="connection-status"
      data-state={state}
      role="status"
    >
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </div>
  );
}
