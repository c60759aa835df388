import { z } from 'zod';
import { HH_MM } from '../../../preferences/time.js';

const FIELDS = ['email', 'quietHours', 'desktop'] as const;
const Time = z.string('Use "HH:MM", 00:00 to 23:59').regex(HH_MM, 'Use "HH:MM", 00:00 to 23:59');

/** Any of the three; a field the page does not know is refused by name, never ignored. */
export const PreferencesPatch = z
  .object(
    {
      email: z.enum(['all', 'important', 'digest', 'none'], 'Use all, important, digest or none').optional(),
      quietHours: z
        .object({ start: Time, end: Time }, 'Use {"start": "HH:MM", "end": "HH:MM"}, or null for none')
        .nullable()
        .optional(),
      desktop: z.boolean('Use true or false').optional(),
    },
    'Send a JSON object with any of email, quietHours, desktop',
  )
  .catchall(z.unknown())
  .superRefine((v, ctx) => {
    const known: readonly string[] = FIELDS;
    for (const key of Object.keys(v)) {
      if (!known.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'Unknown preference (use email, quietHours, desktop)' });
    }
    if (!FIELDS.some((k) => v[k] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'Nothing to change: send email, quietHours or desktop' });
    }
    if (v.quietHours && typeof v.quietHours === 'object' && v.quietHours.start === v.quietHours.end) {
      ctx.addIssue({ code: 'custom', path: ['quietHours', 'end'], message: 'The end must differ from the start' });
    }
  })
  .transform(({ email, quietHours, desktop }) => ({ email, quietHours, desktop }));
