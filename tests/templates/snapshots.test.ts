// File snapshots of what people actually receive; open the files under __snapshots__ to review
// a template change. Regenerate with `npx vitest run tests/templates -u` and read the diff.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates, type Templates } from '../../server/templates/index.js';
import { helena, ian, INBOX_URL, normalEn, urgentEs } from './fixtures.js';

let templates: Templates;
beforeAll(async () => {
  templates = await loadTemplates();
});

describe('email', () => {
  it('urgent, in Spanish, Mexico City time', async () => {
    const mail = templates.email(urgentEs, helena, { inboxUrl: INBOX_URL, company: 'Heraldo & Co' });
    expect(mail.subject).toBe('[URGENT] Corte de luz en la oficina central');
    await expect(mail.html).toMatchFileSnapshot('./__snapshots__/email-urgent-es.html');
    await expect(mail.text).toMatchFileSnapshot('./__snapshots__/email-urgent-es.txt');
    expect(mail.text).toContain('*** URGENTE ***');
    expect(mail.text).toContain('2 de marzo de 2026 a las 3:30');
    expect(mail.html).toContain('URGENTE');
    expect(mail.html).toContain('IT y Accounting &amp; Finance');
    expect(mail.text).toContain('IT y Accounting & Finance'); // no HTML escaping in text
  });

  it('normal, in English, Madrid time', async () => {
    const mail = templates.email(normalEn, ian, { inboxUrl: INBOX_URL, company: 'Heraldo & Co' });
    expect(mail.subject).toBe('New coffee machine on the 2nd floor');
    await expect(mail.html).toMatchFileSnapshot('./__snapshots__/email-normal-en.html');
    await expect(mail.text).toMatchFileSnapshot('./__snapshots__/email-normal-en.txt');
    expect(mail.text).toContain('March 2, 2026 at 10:30 AM');
    expect(mail.text).toContain('To: Everyone');
    expect(mail.text).not.toContain('URGENT');
    expect(mail.html).not.toContain('URGENT');
  });
});

describe('slack', () => {
  it('urgent, in Spanish', async () => {
    const msg = templates.slack(urgentEs, { inboxUrl: INBOX_URL, locale: 'es', timezone: 'America/Mexico_City' });
    await expect(JSON.stringify(msg.blocks, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/slack-urgent-es.json');
    expect(msg.text.startsWith('[URGENT] Corte de luz en la oficina central — Mañana no habrá electricidad')).toBe(true);
  });

  it('normal, in English', async () => {
    const msg = templates.slack(normalEn, { inboxUrl: INBOX_URL, locale: 'en', timezone: 'Europe/Madrid' });
    await expect(JSON.stringify(msg.blocks, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/slack-normal-en.json');
    expect(msg.text).toBe('New coffee machine on the 2nd floor — The new machine makes espresso and cappuccino. Please clean up after yourself — thanks!');
  });
});
