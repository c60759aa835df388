// The raw MIME composer against nodemailer's own composer: both messages are read back by
// mailparser (a full MIME parser), and must say the same thing, header by header and part by part.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { rawComposer, type RawMessage } from './mime.js';

function viaNodemailer(from: string, m: RawMessage): Promise<Buffer> {
  const mail = new MailComposer({ from, to: m.to, subject: m.subject, html: m.html, text: m.text, messageId: m.messageId, headers: m.headers });
  return mail.compile().build();
}

const address = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value);

function meaning(p: ParsedMail) {
  return {
    from: address(p.from),
    to: address(p.to),
    subject: p.subject,
    messageId: p.messageId,
    notification: p.headers.get('x-heraldo-notification'),
    text: p.text,
    html: p.html,
  };
}

const base: RawMessage = {
  to: { name: 'Alice Example', address: 'alice@heraldo.test' },
  subject: 'Network maintenance tonight',
  text: 'Hello Alice,\n\nThe network is down from 22:00.\nRead it: https://heraldo.test/inbox/42\n',
  html: '<p>Hello <strong>Alice</strong>,</p>\n<p>The network is down from 22:00.</p>',
  messageId: '<notification-42@heraldo.test>',
  headers: { 'X-Heraldo-Notification': '42' },
};

const cases: [string, Partial<RawMessage>][] = [
  ['plain ASCII', {}],
  ['a name with specials and quotes', { to: { name: 'O\'Brien, "Pat" (IT)', address: 'pat@heraldo.test' } }],
  ['Spanish accents in the name, subject and body', {
    to: { name: 'José Núñez', address: 'jose@heraldo.test' },
    subject: '[URGENT] Mantenimiento de la red: ¿qué cambia?',
    text: 'Hola José,\n\nla red no estará disponible. Año 2026 — €, ñ, ü.\n',
    html: '<p>Hola <em>José</em>, la red no estará disponible: año 2026 — €.</p>',
  }],
  ['long lines, equals signs, trailing spaces, a dot line and tabs', {
    subject: `${'A very long subject that goes on and on '.repeat(4)}end`,
    text: `${'word '.repeat(60)}\n.\n..leading dots\ntrailing spaces   \n\ttabbed\tline\na=b==c\r\nCRLF line\n`,
    html: `<table><tr>${'<td style="color: #333">cell = value</td>'.repeat(40)}</tr></table>\n<p>${'x'.repeat(300)}</p>`,
  }],
  ['emoji and CJK', { subject: 'Launch 🚀 公告', text: 'We launched 🚀 今日\n', html: '<p>🚀 今日</p>' }],
];

describe('raw MIME composer', () => {
  const from = 'Heraldo <heraldo@heraldo.test>';
  const compose = rawComposer(from)!;

  it.each(cases)('reads back as nodemailer’s message does: %s', async (_, change) => {
    const m = { ...base, ...change };
    const composed = compose(m);
    expect(composed).not.toBeNull();
    expect(composed!.envelope).toEqual({ from: 'heraldo@heraldo.test', to: [m.to.address] });
    const ours = await simpleParser(composed!.raw);
    const theirs = await simpleParser(await viaNodemailer(from, m));
    expect(meaning(ours)).toEqual(meaning(theirs));
    // Every line within the 998 octets SMTP allows (RFC 5321 §4.5.3.1.6), and plain ASCII.
    for (const line of composed!.raw.toString('latin1').split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(composed!.raw.every((byte) => byte < 0x80)).toBe(true);
  });

  it('leaves to nodemailer what needs punycode or SMTPUTF8', () => {
    expect(compose({ ...base, to: { name: 'Ana', address: 'ana@bücher.example' } })).toBeNull();
    expect(rawComposer('Heraldo <heraldo@bücher.example>')).toBeNull();
    expect(rawComposer('not an address')).toBeNull();
  });

  it('keeps a header value that is not printable ASCII out of the raw head', () => {
    expect(compose({ ...base, headers: { 'X-Heraldo-Notification': 'línea' } })).toBeNull();
  });
});
