import { z } from 'zod';
import { MAX_NOTIFICATION_ID } from '../../../inbox/notifications.js';

export const NotificationId = z
  .string()
  .regex(/^\d{1,19}$/, 'Not a notification id')
  .transform(BigInt)
  .refine((id) => id <= MAX_NOTIFICATION_ID, 'Not a notification id');

export const InboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: NotificationId.optional(),
  filter: z.enum(['unread', 'ack_required']).optional(),
  // Postgres text cannot hold NUL: refuse it here rather than fail in the query.
  department: z.string().max(64).refine((s) => !s.includes('\u0000'), 'Not a department').optional(),
});
