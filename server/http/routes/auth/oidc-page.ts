// The page a browser lands on when a single sign-on is refused. The callback is a top-level
// navigation back from the identity provider, so the answer is a page a person can read
// (one sentence, a way back), not JSON. Plain HTML: the Content Security Policy allows no
// inline style, and nothing here needs the web client.
import type { Request, Response } from 'express';

export type Refusal = 'unknown' | 'deactivated' | 'unverified' | 'no_email' | 'expired' | 'rejected' | 'unavailable';

type Texts = { title: string; back: string } & Record<Refusal, (email: string) => string>;

const TEXTS: Record<'en' | 'es', Texts> = {
  en: {
    title: 'Sign-in refused',
    back: 'Back to sign-in',
    unknown: (email) => `There is no Heraldo account for ${email}. Ask your administrator to add you.`,
    deactivated: (email) => `The Heraldo account for ${email} has been deactivated. Ask your administrator if this is a mistake.`,
    unverified: (email) => `Your identity provider has not confirmed that ${email} is your address, so Heraldo cannot sign you in with it.`,
    no_email: () => 'Your identity provider did not tell Heraldo your email address, so Heraldo cannot tell who you are.',
    expired: () => 'This sign-in could not be finished: it was started too long ago, in another browser, or its answer was altered. Please start again.',
    rejected: () => 'Your identity provider did not complete the sign-in. Please start again.',
    unavailable: () => 'Your identity provider cannot be reached right now. Please try again in a moment.',
  },
  es: {
    title: 'Inicio de sesión rechazado',
    back: 'Volver al inicio de sesión',
    unknown: (email) => `No hay ninguna cuenta de Heraldo para ${email}. Pide a tu administrador que te dé de alta.`,
    deactivated: (email) => `La cuenta de Heraldo de ${email} está desactivada. Consulta a tu administrador si es un error.`,
    unverified: (email) => `Tu proveedor de identidad no ha confirmado que ${email} sea tu dirección, así que Heraldo no puede iniciar tu sesión con ella.`,
    no_email: () => 'Tu proveedor de identidad no ha dado tu correo a Heraldo, así que Heraldo no puede saber quién eres.',
    expired: () => 'No se pudo terminar este inicio de sesión: empezó hace demasiado, en otro navegador, o su respuesta fue alterada. Vuelve a empezar.',
    rejected: () => 'Tu proveedor de identidad no completó el inicio de sesión. Vuelve a empezar.',
    unavailable: () => 'Ahora mismo no se puede contactar con tu proveedor de identidad. Inténtalo de nuevo en un momento.',
  },
};

const STATUS: Record<Refusal, number> = {
  unknown: 403, deactivated: 403, unverified: 403, no_email: 403, expired: 400, rejected: 400, unavailable: 503,
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function sendRefusal(req: Request, res: Response, reason: Refusal, email = ''): void {
  const lang = req.acceptsLanguages('en', 'es') === 'es' ? 'es' : 'en';
  const t = TEXTS[lang];
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title} · Heraldo</title></head>
<body>
<main>
<h1>${t.title}</h1>
<p id="reason" data-reason="${reason}">${escapeHtml(t[reason](email))}</p>
<p><a href="/">${t.back}</a></p>
</main>
</body>
</html>
`;
  res.status(STATUS[reason]).type('html').setHeader('Cache-Control', 'no-store').send(html);
}
