// Requests of the drafts routes. A draft holds what the composer holds, half-written: nothing
// is required, but every field has the composer's shape and bounds.
import { z } from 'zod';
import { CHANNELS } from '../announcements/schema.js';
import { NUL_MESSAGE, storable } from '../text.js';

/** What the composer's date-time inputs hold ('' = unset), e.g. 2026-12-01T09:00. */
const LocalDateTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)?$/, 'Use YYYY-MM-DDTHH:MM, or leave it empty');

export const DraftId = z.uuid('Not a draft id');

export const DraftFields = z
  .object({
    audienceType: z.enum(['all', 'departments']).optional(),
    departmentIds: z.array(z.uuid('Not a department id')).max(200).optional(),
    channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).optional(),
    priority: z.enum(['normal', 'high', 'urgent']).optional(),
    requireAck: z.boolean().optional(),
    remindAfterHours: z.string().regex(/^\d{0,3}$/, 'A whole number of hours, or empty').optional(),
    scheduledAt: LocalDateTime.optional(),
    expiresAt: LocalDateTime.optional(),
  })
  .strict()
  .meta({ id: 'DraftFields', description: 'The composer’s other fields, as it holds them' });

export const DraftBody = z.object({
  title: z.string().max(200, 'At most 200 characters').refine(storable, NUL_MESSAGE).default(''),
  body: z.string().max(50_000, 'At most 50,000 characters').refine(storable, NUL_MESSAGE).default(''),
  fields: DraftFields.default({}),
});

export const Draft = z
  .object({ id: z.uuid(), title: z.string(), body: z.string(), fields: DraftFields, updatedAt: z.iso.datetime() })
  .meta({ id: 'Draft' });
