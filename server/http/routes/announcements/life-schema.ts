// Requests of an announcement's life after publication: edit (PATCH), remind.
import { z } from 'zod';
import { NUL_MESSAGE, storable } from '../text.js';


export const EDITABLE_FIELDS = ['title', 'body', 'priority', 'expiresAt'] as const;

/**
 * A PATCH changes what recipients read, not whom it went to: any other field (audience,
 * channels…) is refused by name rather than ignored, so nothing is half-applied.
 */
export const EditAnnouncementBody = z
  .object({
    title: z.string().trim().min(1, 'Give it a title').max(200, 'At most 200 characters').refine(storable, NUL_MESSAGE).optional(),
    body: z.string().trim().min(1, 'Write a message').max(50_000, 'At most 50,000 characters').refine(storable, NUL_MESSAGE).optional(),
    priority: z.enum(['normal', 'high', 'urgent'], 'Use normal, high or urgent').optional(),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'Use an ISO 8601 date-time, e.g. 2026-12-01T09:00:00Z, or null for no expiry' })
      .transform((s) => new Date(s))
      .nullable()
      .optional(),
  }, 'Send a JSON object with any of title, body, priority, expiresAt')
  .catchall(z.unknown())
  .superRefine((v, ctx) => {
    const editable: readonly string[] = EDITABLE_FIELDS;
    for (const key of Object.keys(v)) {
      if (!editable.includes(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'Cannot be changed after publication (only title, body, priority, expiresAt)' });
      }
    }
    if (!EDITABLE_FIELDS.some((k) => v[k] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to change: send title, body, priority or expiresAt' });
    }
    if (v.expiresAt instanceof Date && v.expiresAt.getTime() <= Date.now()) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'Expiry must be in the future (null removes it)' });
    }
  })
  .transform(({ title, body, priority, expiresAt }) => ({ title, body, priority, expiresAt }));

export type EditAnnouncementInput = z.infer<typeof EditAnnouncementBody>;
