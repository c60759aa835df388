import { z } from 'zod';
import { CHANNELS } from '../announcements/schema.js';
import { NUL_MESSAGE } from '../text.js';

const hasNul = (v: unknown): boolean =>
  typeof v === 'string' ? v.includes('\u0000') : v !== null && typeof v === 'object' ? Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x)) : false;

const Labels = z.record(z.string(), z.string({ error: 'Label and annotation values are strings' }));

/** Alertmanager's timestamps are RFC 3339, with up to nanoseconds. */
const Timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'Use an RFC 3339 date-time');

const Alert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: Timestamp,
  endsAt: Timestamp.optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});

/** Prometheus Alertmanager's webhook body, version 4. */
export const AlertmanagerWebhookBody = z
  .object({
    version: z.literal('4', { error: 'Only version "4" of the Alertmanager webhook is understood' }),
    groupKey: z.string().min(1, 'groupKey is empty').max(2000),
    truncatedAlerts: z.number().int().min(0).optional(),
    status: z.enum(['firing', 'resolved']),
    receiver: z.string().optional(),
    groupLabels: Labels.default({}),
    commonLabels: Labels.default({}),
    commonAnnotations: Labels.default({}),
    externalURL: z.string().optional(),
    alerts: z.array(Alert).min(1, 'An alert group has at least one alert').max(1000),
  })
  // Postgres text cannot hold NUL: refuse it as bad input rather than fail on insert.
  .refine((hook) => !hasNul(hook), { message: NUL_MESSAGE, path: ['alerts'] })
  .meta({ id: 'AlertmanagerWebhook' });

const csv = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

export const AlertmanagerQuery = z.object({
  departments: z
    .string()
    .optional()
    .transform((s) => (s === undefined ? undefined : csv(s)))
    .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Department slugs, comma-separated')).min(1, 'Name at least one department, or leave it out for everyone').max(200).optional())
    .meta({ description: 'Department slugs, comma-separated; without it, everyone' }),
  channels: z
    .string()
    .optional()
    .transform((s) => (s === undefined ? undefined : csv(s)))
    .pipe(z.array(z.enum(CHANNELS, { error: `Channels are among: ${CHANNELS.join(', ')}` })).min(1, 'Name at least one channel').optional())
    .meta({ description: 'Channels, comma-separated (default in_app,slack)' }),
});
