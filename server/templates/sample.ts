// Sample data, rendered by loadTemplates() so that a template that cannot render (unknown
// translation key, bad Slack JSON…) fails at start. The two samples between them take every
// branch the templates have: urgent/normal, departments/company-wide, ack or not, expiry,
// both languages. Usable for previews too.
import type { AnnouncementView, InvitationView, RecipientView } from './types.js';

export const SAMPLE_INBOX_URL = 'https://heraldo.example.com/inbox';

export const SAMPLE_ANNOUNCEMENTS: AnnouncementView[] = [
  {
    id: 'sample-urgent',
    title: 'Office closed on Monday <b>& everything</b>',
    body: [
      '## What happens',
      '',
      'The **main office** is closed on _Monday_ because of ~~maintenance~~ a power cut.',
      'See [the plan](https://intranet.example.com/plan?a=1&b=2) or write to <mailto:hr@example.com>.',
      '',
      '- Work from home',
      '- [ ] Take your laptop',
      '  1. nested',
      '',
      '> Quoted `code` <!channel>',
      '',
      '```',
      'a < b && c',
      '```',
      '',
      '| Floor | Open |',
      '|---|---|',
      '| 1 | no |',
    ].join('\n'),
    priority: 'urgent',
    requireAck: true,
    publishedAt: new Date('2026-03-02T09:30:00Z'),
    expiresAt: new Date('2026-03-09T18:00:00Z'),
    departments: [
      { slug: 'it', name: 'IT' },
      { slug: 'finance', name: 'Accounting & Finance' },
    ],
    authorName: 'Carmen Comms',
  },
  {
    id: 'sample-normal',
    title: 'Welcome to Heraldo',
    body: 'Hello *everyone*.',
    priority: 'high',
    requireAck: false,
    publishedAt: new Date('2026-03-02T09:30:00Z'),
    expiresAt: null,
    departments: [],
    authorName: 'Ada Admin',
  },
];

export const SAMPLE_RECIPIENTS: RecipientView[] = [
  { name: 'Bob Roe', email: 'bob@heraldo.test', locale: 'es', timezone: 'Europe/Madrid' },
  { name: 'Alice Doe', email: 'alice@heraldo.test', locale: 'en', timezone: 'America/New_York' },
];

/** An invitation to `r`, for the start-up check and previews. */
export const sampleInvitation = (r: RecipientView): InvitationView => ({
  recipient: r,
  setPasswordUrl: 'https://heraldo.example.com/set-password?token=sample-token',
  expiresAt: new Date('2026-03-09T09:30:00Z'),
  appUrl: 'https://heraldo.example.com/',
  company: 'Example & Co',
});
