import { z } from 'zod';

/** A draft as the composer holds it; GET takes it from the query string, POST from JSON. */
export const PreviewInput = z.object({
  channel: z.enum(['email', 'slack']),
  title: z.string().trim().min(1, 'Give it a title').max(200),
  body: z.string().max(50_000).default(''),
  priority: z.enum(['normal', 'high', 'urgent']).default('normal'),
  requireAck: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  departmentIds: z
    .union([z.array(z.uuid()), z.string().transform((s) => s.split(',').filter(Boolean))])
    .pipe(z.array(z.uuid('Not a department id')).max(200))
    .default([]),
  audience: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('all') }),
      z.object({ type: z.literal('departments'), departmentIds: z.array(z.uuid()).max(200) }),
    ])
    .optional(),
});
