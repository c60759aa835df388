import { z } from 'zod';

export const NotificationId = z.string().regex(/^\d{1,19}$/, 'Not a notification id').transform(BigInt);

export const InboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: NotificationId.optional(),
  filter: z.enum(['unread', 'ack_required']).optional(),
  department: z.string().max(64).optional(),
});
