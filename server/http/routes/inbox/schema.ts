import { z } from 'zod';
import { parseNotificationId } from '../../../inbox/notifications.js';
import { SearchWords } from '../text.js';

export const NotificationId = z.string().transform((text, ctx) => {
  const id = parseNotificationId(text);
  if (id === null) ctx.addIssue({ code: 'custom', message: 'Not a notification id' });
  return id ?? z.NEVER;
});

export const InboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: NotificationId.optional(),
  filter: z.enum(['unread', 'ack_required']).optional(),
  // Postgres text cannot hold NUL: refuse it here rather than fail in the query.
  department: z.string().max(64).refine((s) => !s.includes('\u0000'), 'Not a department').optional(),
  q: SearchWords,
});
