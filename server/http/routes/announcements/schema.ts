import { z } from 'zod';
import type { NewAnnouncement } from '../../../announcements/publish.js';
import { parseNotificationId } from '../../../inbox/notifications.js';
import { IDEMPOTENCY_KEY_PATTERN } from '../../../integrations/idempotency.js';
import type { NewAnnouncement as WireNewAnnouncement } from '../../../wire/index.js';
import { NUL_MESSAGE, SearchWords, storable } from '../text.js';

export const CHANNELS = ['in_app', 'email', 'slack'] as const;

export const Audience = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('all') }),
    z.object({
      type: z.literal('departments'),
      departmentIds: z.array(z.uuid('Not a department id')).min(1, 'Choose at least one department').max(200),
    }),
  ],
  { error: 'audience must be {"type": "all"} or {"type": "departments", "departmentIds": [...]}' },
);


const Instant = z.iso
  .datetime({ offset: true, error: 'Use an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z' })
  .transform((s) => new Date(s));

export const CreateAnnouncementBody = z
  .object({
    title: z.string().trim().min(1, 'Give it a title').max(200, 'At most 200 characters').refine(storable, NUL_MESSAGE),
    body: z.string().trim().min(1, 'Write a message').max(50_000, 'At most 50,000 characters').refine(storable, NUL_MESSAGE),
    audience: Audience,
    channels: z
      .array(z.enum(CHANNELS))
      .min(1, 'Choose at least one channel')
      .transform((list) => [...new Set(list)]),
    priority: z.enum(['normal', 'high', 'urgent']).default('normal'),
    requireAck: z.boolean().default(false),
    scheduledAt: Instant.nullish(),
    expiresAt: Instant.nullish(),
    /** Hours after publishing when those who have not confirmed get a reminder email. */
    remindAfterHours: z
      .number('A whole number of hours, 1 to 720')
      .int('A whole number of hours, 1 to 720')
      .min(1, 'At least 1 hour')
      .max(720, 'At most 720 hours (30 days)')
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (typeof v.remindAfterHours === 'number' && v.requireAck !== true) {
      ctx.addIssue({ code: 'custom', path: ['remindAfterHours'], message: 'Reminders need requireAck: true (they ask people to confirm)' });
    }
    // Refinements run even when a field failed to parse; only judge real dates.
    const date = (d: unknown) => (d instanceof Date ? d : undefined);
    const scheduledAt = date(v.scheduledAt);
    const expiresAt = date(v.expiresAt);
    const now = Date.now();
    // A minute of grace for clocks that disagree; anything older is a mistake, not a schedule.
    if (scheduledAt && scheduledAt.getTime() < now - 60_000) {
      ctx.addIssue({ code: 'custom', path: ['scheduledAt'], message: 'The schedule is in the past' });
    }
    const start = scheduledAt?.getTime() ?? now;
    if (expiresAt && expiresAt.getTime() <= start) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'Expiry must come after publication' });
    }
  });

// Three shapes of one request, tied at compile time so that none drifts alone: what the web
// client sends (server/wire, which cannot import zod) must be accepted by this schema, and
// what the schema gives must be what the publisher takes. A field added to one and not the
// others fails `tsc`.
type Holds<T extends true> = T;
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Sent = WireNewAnnouncement;
type Accepted = z.input<typeof CreateAnnouncementBody>;
type Parsed = z.output<typeof CreateAnnouncementBody>;
export type _WireBodyParses = [Holds<Sent extends Accepted ? true : false>, Holds<SameKeys<Sent, Accepted>>];
export type _ParsedBodyPublishes = [Holds<Parsed extends NewAnnouncement ? true : false>, Holds<SameKeys<Parsed, NewAnnouncement>>];

/** POST /api/announcements/audience: how many people an audience reaches now. */
export const AudienceCountBody = z.object({ audience: Audience });

export type CreateAnnouncementInput = z.infer<typeof CreateAnnouncementBody>;

export const AnnouncementId = z.uuid('Not an announcement id');

/** Headers of POST /api/announcements (Node gives them lower-cased; the route maps them). */
export const PublishHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'Use 1 to 255 printable ASCII characters (one header)')
    .optional()
    .meta({
      description:
        'One key per message: a retry with the same key and body gets the first answer again (header `Idempotent-Replayed: true`) for 24 hours; another body → 422 `idempotency_key_reused`; while the first runs → 409 `idempotency_key_in_use`',
    }),
});

export const RecipientsQuery = z.object({
  filter: z.enum(['unacknowledged', 'unread']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  /** The previous page's `nextCursor`: recipients after it. */
  cursor: z
    .string('Give the cursor once')
    .transform((text, ctx) => {
      const id = parseNotificationId(text);
      if (id === null) ctx.addIssue({ code: 'custom', message: 'Not a cursor from this list' });
      return id ?? z.NEVER;
    })
    .optional(),
});

/** GET /api/announcements: newest first, in pages, narrowed by title words and status. */
export const AnnouncementListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(100),
  /** The last announcement of the previous page (its id). */
  before: z.uuid('Not an announcement id').optional(),
  q: SearchWords,
  status: z.enum(['scheduled', 'published', 'cancelled', 'retracted']).optional(),
});
