// Invitations: a person created without a password gets an email (HTML and text, in their
// language) with a one-time link; the link sets a password once, for 7 days, and the token
// is stored only as its SHA-256.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, login, waitUntil, type Client, type World } from '../support/harness.js';
import { decodeWords, mimeParts } from '../support/mime.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const PUBLIC_URL = 'http://heraldo.example.test:8080';
let world: World;
let node: Heraldo;
let sink: SmtpSink;
let admin: Client;

beforeAll(async () => {
  sink = await startSmtpSink();
  world = await createWorld({ SMTP_URL: sink.url, PUBLIC_URL });
  node = await world.start();
  admin = await login(node.url!, 'admin@heraldo.test');
});
afterAll(async () => {
  await world?.close();
  await sink?.stop();
});

async function invite(email: string, locale: 'en' | 'es') {
  const res = await admin.json<{ id: string; invitationSent: boolean }>('/api/admin/users', { method: 'POST', body: { email, name: `New ${locale}`, role: 'employee', locale } });
  expect(res.status).toBe(201);
  expect(res.body.invitationSent).toBe(true);
  await waitUntil(() => sink.messages.some((m) => m.to.includes(email)), 10_000, `invitation to ${email}`);
  const mail = sink.messages.find((m) => m.to.includes(email))!;
  const parts = mimeParts(mail.raw);
  const html = parts.find((p) => p.type === 'text/html')!.body;
  const text = parts.find((p) => p.type === 'text/plain')!.body;
  const link = /http:\/\/heraldo\.example\.test:8080\/set-password\?token=([A-Za-z0-9_-]+)/.exec(text);
  expect(link, text).not.toBeNull();
  return { id: res.body.id, mail, html, text, token: link![1]!, subject: decodeWords(mail.header('subject')!) };
}

const setPassword = (token: string, password: string) =>
  fetch(`${node.url}/api/auth/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) })
    .then(async (r) => ({ status: r.status, body: (await r.json()) as { email?: string; error?: { code: string; fields?: Record<string, string> } } }));

describe('invitations', () => {
  it('sends an English invitation whose link sets the password exactly once', async () => {
    const { id, html, text, token, subject, mail } = await invite('invited.en@heraldo.test', 'en');
    expect(subject).toBe('Your Heraldo account: choose a password');
    expect(text).toContain('Hello New en,');
    expect(text).toContain('The link works once, until');
    expect(html).toContain('<html lang="en">');
    // Handlebars writes "=" in attributes as &#x3D;, which a browser reads back as "=".
    expect(html.replaceAll('&#x3D;', '=')).toContain(`href="${PUBLIC_URL}/set-password?token=${token}"`);
    expect(mail.header('x-heraldo-invitation')).toBeTruthy();
    // Only the hash is stored, valid for 7 days.
    const row = await world.prisma.passwordToken.findFirstOrThrow({ where: { userId: id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(await world.prisma.passwordToken.findMany())).not.toContain(token);
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 7 * 86_400_000)).toBeLessThan(60_000);
    // No password yet: cannot sign in.
    await expect(login(node.url!, 'invited.en@heraldo.test', 'anything at all really')).rejects.toThrow(/401/);

    const short = await setPassword(token, 'short');
    expect(short.status).toBe(400);
    expect(short.body.error?.fields).toHaveProperty('password');
    const ok = await setPassword(token, 'my brand new password');
    expect(ok).toEqual({ status: 200, body: { email: 'invited.en@heraldo.test' } });
    expect((await login(node.url!, 'invited.en@heraldo.test', 'my brand new password')).user.email).toBe('invited.en@heraldo.test');
    // Single use.
    const again = await setPassword(token, 'another new password');
    expect(again.status).toBe(400);
    expect(again.body.error?.code).toBe('invalid_token');
    await expect(login(node.url!, 'invited.en@heraldo.test', 'another new password')).rejects.toThrow(/401/);
  });

  it('writes in Spanish to a Spanish speaker', async () => {
    const { html, text, subject } = await invite('invitada.es@heraldo.test', 'es');
    expect(subject).toBe('Tu cuenta de Heraldo: elige una contraseña');
    expect(text).toContain('Hola, New es:');
    expect(text).toContain('El enlace sirve una sola vez');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Elegir mi contraseña');
  });

  it('refuses expired, unknown and malformed tokens with 400 invalid_token; two uses at once: one wins', async () => {
    const { id, token } = await invite('expired@heraldo.test', 'en');
    await world.prisma.passwordToken.updateMany({ where: { userId: id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await setPassword(token, 'a perfectly fine password');
    expect(expired.status).toBe(400);
    expect(expired.body.error?.code).toBe('invalid_token');
    expect((await world.prisma.user.findUniqueOrThrow({ where: { id } })).passwordHash).toBeNull();
    expect((await setPassword('x'.repeat(43), 'a perfectly fine password')).body.error?.code).toBe('invalid_token');
    const malformed = await setPassword('x'.repeat(500), 'a perfectly fine password');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.fields).toHaveProperty('token');

    // A new invitation (the admin's "send again"); two requests racing with its token.
    const resend = await admin.json<{ invitationSent: boolean }>(`/api/admin/users/${id}/invitation`, { method: 'POST' });
    expect(resend.status).toBe(202);
    await waitUntil(() => sink.messages.filter((m) => m.to.includes('expired@heraldo.test')).length === 2, 10_000, 'second invitation');
    const second = mimeParts(sink.messages.filter((m) => m.to.includes('expired@heraldo.test'))[1]!.raw).find((p) => p.type === 'text/plain')!.body;
    const fresh = /token=([A-Za-z0-9_-]+)/.exec(second)![1]!;
    const results = await Promise.all([setPassword(fresh, 'first racing password'), setPassword(fresh, 'second racing password')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('sends nothing to a person created with a password, and refuses the link of someone deactivated since', async () => {
    const withPassword = await admin.json('/api/admin/users', { method: 'POST', body: { email: 'has.password@heraldo.test', name: 'Has Password', role: 'employee', password: 'chosen by the admin' } });
    expect(withPassword.status).toBe(201);
    expect(await world.prisma.passwordToken.count({ where: { user: { email: 'has.password@heraldo.test' } } })).toBe(0);
    // The token of a deactivated person is refused too.
    const { id, token } = await invite('leaving@heraldo.test', 'en');
    expect((await admin.json(`/api/admin/users/${id}`, { method: 'PATCH', body: { active: false } })).status).toBe(200);
    expect((await setPassword(token, 'too late for this one')).body.error?.code).toBe('invalid_token');
    expect(sink.messages.some((m) => m.to.includes('has.password@heraldo.test'))).toBe(false);
  });
});
