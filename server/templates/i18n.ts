// The words of the templates, in every language Heraldo speaks. A template asks for a key with
// {{t "key" name=value}}; `{name}` placeholders are filled from the hash. Anything but `en`/`es`
// falls back to English, and a key missing in Spanish falls back to the English text, so a
// half-translated dictionary degrades to English instead of printing the key.

export type Lang = 'en' | 'es';

const en = {
  'urgent': 'URGENT',
  'priority.normal': 'Normal priority',
  'priority.high': 'High priority',
  'priority.urgent': 'Urgent',
  'audience.everyone': 'Everyone',
  'label.to': 'To',
  'label.published': 'Published',
  'label.by': 'by {name}',
  'label.expires': 'Valid until {date}',
  'greeting': 'Hello {name},',
  'ack.prompt': 'Please confirm you have read this announcement.',
  'ack.button': 'Confirm I have read it',
  'ack.text': 'Please confirm you have read this announcement in Heraldo:',
  'ack.slack': 'Please confirm in Heraldo that you have read it.',
  'reminder.intro': 'A reminder: you have not confirmed yet that you read this announcement, published on {date}.',
  'digest.subject': 'Your daily digest: {count} announcements',
  'digest.subject.one': 'Your daily digest: 1 announcement',
  'digest.intro': 'Here is everything published for you since your last digest.',
  'open': 'Open in Heraldo',
  'open.text': 'Open in Heraldo:',
  'footer.company': 'You receive this because you work at {company}.',
  'footer.generic': 'You receive this because you are a member of the staff.',
  'footer.inbox': 'All your announcements are in your Heraldo inbox.',
  'invite.subject': 'Your Heraldo account: choose a password',
  'invite.intro': 'An account has been made for you in Heraldo, where the company\'s announcements reach you live, by email and on Slack.',
  'invite.action': 'Choose a password to sign in as {email}.',
  'invite.button': 'Choose my password',
  'invite.text': 'Choose your password here:',
  'invite.expires': 'The link works once, until {date}.',
  'invite.ignore': 'If you did not expect this email, you can ignore it.',
} as const;

export type MessageKey = keyof typeof en;

const es: Partial<Record<MessageKey, string>> = {
  'urgent': 'URGENTE',
  'priority.normal': 'Prioridad normal',
  'priority.high': 'Prioridad alta',
  'priority.urgent': 'Urgente',
  'audience.everyone': 'Toda la empresa',
  'label.to': 'Para',
  'label.published': 'Publicado',
  'label.by': 'por {name}',
  'label.expires': 'Vigente hasta el {date}',
  'greeting': 'Hola, {name}:',
  'ack.prompt': 'Por favor, confirma que has leído este anuncio.',
  'ack.button': 'Confirmar lectura',
  'ack.text': 'Por favor, confirma en Heraldo que has leído este anuncio:',
  'ack.slack': 'Por favor, confirma en Heraldo que lo has leído.',
  'reminder.intro': 'Un recordatorio: aún no has confirmado que leíste este anuncio, publicado el {date}.',
  'digest.subject': 'Tu resumen diario: {count} anuncios',
  'digest.subject.one': 'Tu resumen diario: 1 anuncio',
  'digest.intro': 'Aquí tienes todo lo publicado para ti desde tu último resumen.',
  'open': 'Abrir en Heraldo',
  'open.text': 'Abrir en Heraldo:',
  'footer.company': 'Recibes este mensaje porque trabajas en {company}.',
  'footer.generic': 'Recibes este mensaje porque formas parte de la plantilla.',
  'footer.inbox': 'Todos tus anuncios están en tu bandeja de Heraldo.',
  'invite.subject': 'Tu cuenta de Heraldo: elige una contraseña',
  'invite.intro': 'Se ha creado una cuenta para ti en Heraldo, donde los anuncios de la empresa te llegan al momento, por correo y en Slack.',
  'invite.action': 'Elige una contraseña para entrar como {email}.',
  'invite.button': 'Elegir mi contraseña',
  'invite.text': 'Elige tu contraseña aquí:',
  'invite.expires': 'El enlace sirve una sola vez, hasta el {date}.',
  'invite.ignore': 'Si no esperabas este correo, puedes ignorarlo.',
};

const dictionaries: Record<Lang, Partial<Record<MessageKey, string>>> = { en, es };

/** `es-MX` → `es`; `fr`, `''`, garbage → `en`. */
export function resolveLang(locale: string | undefined | null): Lang {
  const base = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return base === 'es' ? 'es' : 'en';
}

/**
 * The locale tag to give Intl: the recipient's own tag when its language is one we translate
 * (so `es-MX` keeps Mexican date conventions), otherwise the language we fell back to, so the
 * dates never come out in a language the rest of the message is not in.
 */
export function intlLocale(locale: string | undefined | null): string {
  const lang = resolveLang(locale);
  const tag = (locale ?? '').trim().replace(/_/g, '-');
  if (tag && resolveLang(tag) === lang) {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? lang;
    } catch {
      return lang; // not a valid BCP 47 tag
    }
  }
  return lang;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Translate `key`; an unknown key throws, so a typo in a template fails at load, not in a worker. */
export function translate(lang: Lang, key: string, vars: Record<string, unknown> = {}): string {
  if (!isMessageKey(key)) throw new Error(`Unknown message key "${key}"`);
  const text = dictionaries[lang][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name] ?? '') : whole,
  );
}
