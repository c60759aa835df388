// Announcements and recipients shared by the template tests. Fixed dates: 2026-03-02T09:30Z is
// 03:30 in Mexico City (UTC-6, no DST since 2022) and 10:30 in Madrid (CET, UTC+1).
import type { AnnouncementView, RecipientView } from '../../server/templates/index.js';

export const INBOX_URL = 'https://heraldo.example.com/inbox';
export const PUBLISHED = new Date('2026-03-02T09:30:00Z');

export const urgentEs: AnnouncementView = {
  id: 'a-urgent',
  title: 'Corte de luz en la oficina central',
  body: [
    'Mañana **no habrá electricidad** en la oficina central por _obras urgentes_.',
    '',
    '## Qué hacer',
    '',
    '- Trabaja desde casa',
    '- Guarda tus archivos en [la intranet](https://intranet.example.com/docs?x=1&y=2)',
    '- Dudas: it@example.com',
    '',
    '> Si no puedes trabajar desde casa, avisa a tu responsable.',
  ].join('\n'),
  priority: 'urgent',
  requireAck: true,
  publishedAt: PUBLISHED,
  expiresAt: new Date('2026-03-03T18:00:00Z'),
  departments: [
    { slug: 'it', name: 'IT' },
    { slug: 'finance', name: 'Accounting & Finance' },
  ],
  authorName: 'Carmen Comms',
};

export const normalEn: AnnouncementView = {
  id: 'a-normal',
  title: 'New coffee machine on the 2nd floor',
  body: 'The new machine makes *espresso* and **cappuccino**.\n\nPlease clean up after yourself — thanks!',
  priority: 'normal',
  requireAck: false,
  publishedAt: PUBLISHED,
  expiresAt: null,
  departments: [],
  authorName: 'Ada Admin',
};

export const helena: RecipientView = {
  name: 'Helena Manager',
  email: 'hr.manager@heraldo.test',
  locale: 'es',
  timezone: 'America/Mexico_City',
};

export const ian: RecipientView = {
  name: 'Ian Manager',
  email: 'it.manager@heraldo.test',
  locale: 'en',
  timezone: 'Europe/Madrid',
};
