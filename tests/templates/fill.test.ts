// Rendering once per language and time zone, then filling each recipient in, gives exactly
// what rendering each recipient would (server/templates/fill.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { fillingRender, type EmailRender } from '../../server/templates/fill.js';
import { loadTemplates, type RecipientView, type Templates } from '../../server/templates/index.js';
import { SAMPLE_ANNOUNCEMENTS } from '../../server/templates/sample.js';
import { INBOX_URL, normalEn, urgentEs } from './fixtures.js';

let templates: Templates;
beforeAll(async () => {
  templates = await loadTemplates();
});

const names = [
  'Bob Roe', 'José Ñúñez-Álvarez', 'Zoë', 'Ana María de la O', '李小龍', 'x',
  // Not filled in (escaping would change them, or trimming could reach past them): rendered in full.
  "Miles O'Brien", 'Tom & Jerry', '<b>Eve</b>', ' Lead Space', 'Trail Space ', '', 'Two\nLines', 'a=b "q"',
];
const people: RecipientView[] = names.flatMap((name, i) =>
  [['en', 'America/New_York'], ['es', 'Europe/Madrid'], ['es-MX', 'America/Mexico_City'], ['fr', 'Not/AZone']].map(([locale, timezone]) => ({
    name, email: `person${i}+tag@heraldo.test`, locale: locale!, timezone: timezone!,
  })),
);
const urls = (n: number) => [`${INBOX_URL}/${n}`, `${INBOX_URL}/${n}?x=1&y=2`];

describe('an email rendered once and filled per recipient', () => {
  for (const kind of ['email', 'reminder'] as const) {
    it(`is byte for byte the ${kind} rendered for each recipient`, () => {
      const direct: EmailRender = (a, r, o) => templates[kind](a, r, o);
      const filled = fillingRender(direct);
      let n = 0;
      for (const view of [urgentEs, normalEn, ...SAMPLE_ANNOUNCEMENTS]) {
        for (const person of people) {
          for (const inboxUrl of urls(++n)) {
            for (const company of [undefined, 'Example & Co']) {
              expect(filled(view, person, { inboxUrl, company })).toEqual(direct(view, person, { inboxUrl, company }));
            }
          }
        }
      }
    });
  }

  it('renders in full when a template treats the name as more than text (cuts it, say)', () => {
    let calls = 0;
    const cutting: EmailRender = (a, r, o) => {
      calls++;
      return { subject: a.title, html: `<p>Hi ${r.name.slice(0, 6)}</p><a href="${o.inboxUrl}">open</a>`, text: `Hi ${r.name}\n` };
    };
    const filled = fillingRender(cutting);
    for (const name of ['Bob Roe', 'Alexandra Longname', 'Al']) {
      const r = { name, email: 'a@heraldo.test', locale: 'en', timezone: 'UTC' };
      expect(filled(normalEn, r, { inboxUrl: `${INBOX_URL}/1` })).toEqual(cutting(normalEn, r, { inboxUrl: `${INBOX_URL}/1` }));
    }
    expect(calls).toBeGreaterThan(2 + 3); // the two stand-in renders, then each in full
  });

  it('renders a plain template once per language and time zone, however many recipients', () => {
    let calls = 0;
    const plain: EmailRender = (a, r, o) => (calls++, templates.email(a, r, o));
    const filled = fillingRender(plain);
    for (let i = 0; i < 50; i++) filled(normalEn, { name: `Person ${i}`, email: `p${i}@heraldo.test`, locale: 'en', timezone: 'UTC' }, { inboxUrl: `${INBOX_URL}/${i}` });
    expect(calls).toBe(2);
  });
});
