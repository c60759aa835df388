// Cancel a scheduled announcement, after a second step.
import { api } from '../../api';
import { ConfirmedAction } from '../ConfirmedAction';

export function CancelScheduled({ announcementId, onDone }: { announcementId: string; onDone: () => void }) {
  return (
    <ConfirmedAction
      name="cancel"
      labels={{ action: 'ann.cancel', question: 'ann.cancelConfirm', yes: 'ann.cancelYes', no: 'ann.cancelNo' }}
      run={() => api.post(`/api/announcements/${encodeURIComponent(announcementId)}/cancel`)}
      onDone={onDone}
    />
  );
}
