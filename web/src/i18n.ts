// Every UI string, in English and Spanish. `es` must have every key of `en` (checked by the
// compiler); at run time a missing key falls back to English, then to the key itself.
// Areas added since keep their strings in messages/<area>.ts, merged here.
import * as delivery from './messages/delivery';
import * as identity from './messages/identity';
import * as integrations from './messages/integrations';
import * as life from './messages/life';
import * as ops from './messages/ops';
import * as people from './messages/people';
import * as publishing from './messages/publishing';
import * as reading from './messages/reading';
import type { Locale } from './types';

const coreEn = {
  'app.name': 'Heraldo',
  'app.skip': 'Skip to content',
  'nav.label': 'Main',
  'nav.inbox': 'Inbox',
  'nav.compose': 'New announcement',
  'nav.announcements': 'Announcements',
  'header.signOut': 'Sign out',
  'header.language': 'Language',
  'header.unread': '{count} unread',
  'lang.en': 'English',
  'lang.es': 'Español',
  'conn.connecting': 'Connecting…',
  'conn.connected': 'Live',
  'conn.reconnecting': 'Connection lost. Reconnecting…',
  'signin.title': 'Sign in to Heraldo',
  'signin.intro': 'Company announcements, in one place.',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.required': 'Enter your email and password.',
  'signin.invalid': 'Wrong email or password.',
  'signin.tooMany': 'Too many attempts. Wait a moment and try again.',
  'common.loading': 'Loading…',
  'common.error': 'Something went wrong.',
  'common.network': 'Could not reach the server.',
  'common.retry': 'Try again',
  'common.loadMore': 'Load more',
  'common.notFound': 'Not found.',
  'common.forbidden': 'You do not have access to this page.',
  'common.back': 'Back to announcements',
  'priority.label': 'Priority',
  'priority.normal': 'Normal',
  'priority.high': 'High',
  'priority.urgent': 'Urgent',
  'channel.in_app': 'In-app',
  'channel.email': 'Email',
  'channel.slack': 'Slack',
  'inbox.title': 'Inbox',
  'inbox.filters': 'Filters',
  'inbox.show': 'Show',
  'inbox.filter.all': 'All',
  'inbox.filter.unread': 'Unread',
  'inbox.filter.ack': 'Requires my confirmation',
  'inbox.department': 'Department',
  'inbox.allDepartments': 'All departments',
  'inbox.empty': 'Nothing here yet.',
  'inbox.companyWide': 'Company-wide',
  'inbox.unreadMark': 'Unread',
  'inbox.needsAck': 'Confirmation requested',
  'inbox.ack': 'Confirm I have read this',
  'inbox.acked': 'Confirmed',
  'toast.region': 'Notifications',
  'toast.new': 'New announcement',
  'toast.urgent': 'Urgent announcement',
  'toast.open': 'Open',
  'toast.dismiss': 'Dismiss',
  'composer.title': 'New announcement',
  'composer.fieldTitle': 'Title',
  'composer.body': 'Message',
  'composer.bodyHint': 'Markdown: **bold**, _italic_, - lists, [links](https://…)',
  'composer.preview': 'Preview',
  'composer.previewEmpty': 'Nothing to preview yet.',
  'composer.audience': 'Audience',
  'composer.audienceAll': 'Everyone in the company',
  'composer.audienceDepartments': 'Selected departments',
  'composer.departments': 'Departments',
  'composer.noDepartments': 'You do not manage any department.',
  'composer.channels': 'Channels',
  'composer.requireAck': 'Ask recipients to confirm they have read it',
  'composer.schedule': 'Publish at (optional)',
  'composer.expires': 'Expires at (optional)',
  'composer.timezone': 'Times are in {tz}.',
  'composer.publish': 'Publish',
  'composer.scheduleSubmit': 'Schedule',
  'composer.publishing': 'Publishing…',
  'composer.published': 'Announcement published.',
  'composer.scheduled': 'Announcement scheduled.',
  'composer.errorSummary': 'Please fix the following:',
  'composer.forbidden': 'You may not send announcements to this audience.',
  'composer.notAllowed': 'You cannot publish announcements.',
  'composer.channelPreviews': 'Channel previews',
  'composer.previewEmail': 'Preview email',
  'composer.previewSlack': 'Preview Slack',
  'composer.previewUnavailable': 'Preview unavailable.',
  'composer.emailSubject': 'Subject',
  'composer.emailFrame': 'Email preview',
  'composer.slackFrame': 'Slack preview',
  'composer.slackJson': 'Raw blocks (JSON)',
  'validation.title': 'Enter a title.',
  'validation.body': 'Write a message.',
  'validation.channels': 'Choose at least one channel.',
  'validation.departments': 'Choose at least one department.',
  'validation.date': 'Enter a valid date and time.',
  'validation.expiry': 'The expiry must be after the publication time.',
  'ann.listTitle': 'Announcements',
  'ann.empty': 'No announcements yet.',
  'ann.colTitle': 'Title',
  'ann.colStatus': 'Status',
  'ann.colAuthor': 'Author',
  'ann.colDate': 'Date',
  'ann.colRecipients': 'Recipients',
  'ann.by': 'By {name}',
  'ann.publishedAt': 'Published {date}',
  'ann.scheduledFor': 'Scheduled for {date}',
  'ann.expiresAt': 'Expires {date}',
  'ann.audienceAll': 'Audience: everyone',
  'ann.audienceDepartments': 'Audience: {list}',
  'ann.cancel': 'Cancel this scheduled announcement',
  'ann.cancelConfirm': 'Cancel this scheduled announcement? It will not be sent.',
  'ann.cancelYes': 'Yes, cancel it',
  'ann.cancelNo': 'Keep it',
  'ann.message': 'Message',
  'status.published': 'Published',
  'status.scheduled': 'Scheduled',
  'status.cancelled': 'Cancelled',
  'status.draft': 'Draft',
  'status.expired': 'Expired',
  'stats.title': 'Reach',
  'stats.live': 'Updates live.',
  'stats.recipients': 'Recipients',
  'stats.read': 'Read',
  'stats.acknowledged': 'Confirmed',
  'stats.rate': '{pct} of recipients',
  'stats.byChannel': 'By channel',
  'stats.channel': 'Channel',
  'stats.pending': 'Pending',
  'stats.sent': 'Sent',
  'stats.failed': 'Failed',
  'stats.skipped': 'Skipped',
  'stats.byDepartment': 'By department',
  'stats.department': 'Department',
  'stats.notConfirmed': 'Not confirmed yet',
  'stats.notRead': 'Not read yet',
  'stats.allConfirmed': 'Everyone has confirmed.',
  'stats.allRead': 'Everyone has read it.',
  'stats.name': 'Name',
  'stats.email': 'Email',
  'stats.failures': 'Failed deliveries',
  'stats.noFailures': 'No failed deliveries.',
  'stats.target': 'Target',
  'stats.slackTarget': '{name}’s channel ({channel})',
  'stats.error': 'Error',
  'stats.attempts': 'Attempts',
  'stats.retry': 'Retry failed deliveries',
  'stats.retried': '{count} deliveries queued again.',
  'stats.notAvailable': 'Not available yet.',
} as const;

const en = { ...coreEn, ...people.en, ...integrations.en, ...life.en, ...identity.en, ...ops.en, ...publishing.en, ...reading.en, ...delivery.en };

export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const coreEs: Record<keyof typeof coreEn, string> = {
  'app.name': 'Heraldo',
  'app.skip': 'Saltar al contenido',
  'nav.label': 'Principal',
  'nav.inbox': 'Bandeja de entrada',
  'nav.compose': 'Nuevo anuncio',
  'nav.announcements': 'Anuncios',
  'header.signOut': 'Cerrar sesión',
  'header.language': 'Idioma',
  'header.unread': '{count} sin leer',
  'lang.en': 'English',
  'lang.es': 'Español',
  'conn.connecting': 'Conectando…',
  'conn.connected': 'En directo',
  'conn.reconnecting': 'Se perdió la conexión. Reconectando…',
  'signin.title': 'Inicia sesión en Heraldo',
  'signin.intro': 'Los anuncios de la empresa, en un solo lugar.',
  'signin.email': 'Correo electrónico',
  'signin.password': 'Contraseña',
  'signin.submit': 'Entrar',
  'signin.submitting': 'Entrando…',
  'signin.required': 'Escribe tu correo y tu contraseña.',
  'signin.invalid': 'Correo o contraseña incorrectos.',
  'signin.tooMany': 'Demasiados intentos. Espera un momento y vuelve a intentarlo.',
  'common.loading': 'Cargando…',
  'common.error': 'Algo salió mal.',
  'common.network': 'No se pudo contactar con el servidor.',
  'common.retry': 'Reintentar',
  'common.loadMore': 'Cargar más',
  'common.notFound': 'No encontrado.',
  'common.forbidden': 'No tienes acceso a esta página.',
  'common.back': 'Volver a los anuncios',
  'priority.label': 'Prioridad',
  'priority.normal': 'Normal',
  'priority.high': 'Alta',
  'priority.urgent': 'Urgente',
  'channel.in_app': 'En la aplicación',
  'channel.email': 'Correo electrónico',
  'channel.slack': 'Slack',
  'inbox.title': 'Bandeja de entrada',
  'inbox.filters': 'Filtros',
  'inbox.show': 'Mostrar',
  'inbox.filter.all': 'Todo',
  'inbox.filter.unread': 'Sin leer',
  'inbox.filter.ack': 'Requiere mi confirmación',
  'inbox.department': 'Departamento',
  'inbox.allDepartments': 'Todos los departamentos',
  'inbox.empty': 'Aún no hay nada aquí.',
  'inbox.companyWide': 'Toda la empresa',
  'inbox.unreadMark': 'Sin leer',
  'inbox.needsAck': 'Se pide confirmación',
  'inbox.ack': 'Confirmo que lo he leído',
  'inbox.acked': 'Confirmado',
  'toast.region': 'Notificaciones',
  'toast.new': 'Nuevo anuncio',
  'toast.urgent': 'Anuncio urgente',
  'toast.open': 'Abrir',
  'toast.dismiss': 'Cerrar',
  'composer.title': 'Nuevo anuncio',
  'composer.fieldTitle': 'Título',
  'composer.body': 'Mensaje',
  'composer.bodyHint': 'Markdown: **negrita**, _cursiva_, - listas, [enlaces](https://…)',
  'composer.preview': 'Vista previa',
  'composer.previewEmpty': 'Aún no hay nada que mostrar.',
  'composer.audience': 'Destinatarios',
  'composer.audienceAll': 'Toda la empresa',
  'composer.audienceDepartments': 'Departamentos seleccionados',
  'composer.departments': 'Departamentos',
  'composer.noDepartments': 'No diriges ningún departamento.',
  'composer.channels': 'Canales',
  'composer.requireAck': 'Pedir a los destinatarios que confirmen la lectura',
  'composer.schedule': 'Publicar el (opcional)',
  'composer.expires': 'Caduca el (opcional)',
  'composer.timezone': 'Las horas están en {tz}.',
  'composer.publish': 'Publicar',
  'composer.scheduleSubmit': 'Programar',
  'composer.publishing': 'Publicando…',
  'composer.published': 'Anuncio publicado.',
  'composer.scheduled': 'Anuncio programado.',
  'composer.errorSummary': 'Corrige lo siguiente:',
  'composer.forbidden': 'No puedes enviar anuncios a estos destinatarios.',
  'composer.notAllowed': 'No puedes publicar anuncios.',
  'composer.channelPreviews': 'Vistas previas por canal',
  'composer.previewEmail': 'Vista previa del correo',
  'composer.previewSlack': 'Vista previa de Slack',
  'composer.previewUnavailable': 'Vista previa no disponible.',
  'composer.emailSubject': 'Asunto',
  'composer.emailFrame': 'Vista previa del correo',
  'composer.slackFrame': 'Vista previa de Slack',
  'composer.slackJson': 'Bloques sin procesar (JSON)',
  'validation.title': 'Escribe un título.',
  'validation.body': 'Escribe un mensaje.',
  'validation.channels': 'Elige al menos un canal.',
  'validation.departments': 'Elige al menos un departamento.',
  'validation.date': 'Escribe una fecha y hora válidas.',
  'validation.expiry': 'La caducidad debe ser posterior a la publicación.',
  'ann.listTitle': 'Anuncios',
  'ann.empty': 'Aún no hay anuncios.',
  'ann.colTitle': 'Título',
  'ann.colStatus': 'Estado',
  'ann.colAuthor': 'Autor',
  'ann.colDate': 'Fecha',
  'ann.colRecipients': 'Destinatarios',
  'ann.by': 'Por {name}',
  'ann.publishedAt': 'Publicado el {date}',
  'ann.scheduledFor': 'Programado para el {date}',
  'ann.expiresAt': 'Caduca el {date}',
  'ann.audienceAll': 'Destinatarios: toda la empresa',
  'ann.audienceDepartments': 'Destinatarios: {list}',
  'ann.cancel': 'Cancelar este anuncio programado',
  'ann.cancelConfirm': '¿Cancelar este anuncio programado? No se enviará.',
  'ann.cancelYes': 'Sí, cancelarlo',
  'ann.cancelNo': 'Mantenerlo',
  'ann.message': 'Mensaje',
  'status.published': 'Publicado',
  'status.scheduled': 'Programado',
  'status.cancelled': 'Cancelado',
  'status.draft': 'Borrador',
  'status.expired': 'Caducado',
  'stats.title': 'Alcance',
  'stats.live': 'Se actualiza en directo.',
  'stats.recipients': 'Destinatarios',
  'stats.read': 'Leído',
  'stats.acknowledged': 'Confirmado',
  'stats.rate': '{pct} de los destinatarios',
  'stats.byChannel': 'Por canal',
  'stats.channel': 'Canal',
  'stats.pending': 'Pendiente',
  'stats.sent': 'Enviado',
  'stats.failed': 'Fallido',
  'stats.skipped': 'Omitido',
  'stats.byDepartment': 'Por departamento',
  'stats.department': 'Departamento',
  'stats.notConfirmed': 'Aún sin confirmar',
  'stats.notRead': 'Aún sin leer',
  'stats.allConfirmed': 'Todos han confirmado.',
  'stats.allRead': 'Todos lo han leído.',
  'stats.name': 'Nombre',
  'stats.email': 'Correo electrónico',
  'stats.failures': 'Entregas fallidas',
  'stats.noFailures': 'No hay entregas fallidas.',
  'stats.target': 'Destino',
  'stats.slackTarget': 'Canal de {name} ({channel})',
  'stats.error': 'Error',
  'stats.attempts': 'Intentos',
  'stats.retry': 'Reintentar las entregas fallidas',
  'stats.retried': '{count} entregas puestas de nuevo en cola.',
  'stats.notAvailable': 'Aún no disponible.',
};

const es: Dictionary = { ...coreEs, ...people.es, ...integrations.es, ...life.es, ...identity.es, ...ops.es, ...publishing.es, ...reading.es, ...delivery.es };

export const LOCALES: readonly Locale[] = ['en', 'es'];
const dictionaries: Record<Locale, Partial<Dictionary>> = { en, es };
export const LOCALE_STORAGE_KEY = 'heraldo.locale';

export type Vars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'es';
}

/** Looks a key up in `locale`, falling back to English and then to the key itself. */
export function translate(locale: string, key: MessageKey, vars?: Vars): string {
  const dict = isLocale(locale) ? dictionaries[locale] : dictionaries.en;
  // A numeric `count` picks the plural form `key.one` (etc., the names lib/plural.ts uses)
  // where one is written: the key itself is the "other" form. Intl.PluralRules knows each
  // language's rules.
  const lang = isLocale(locale) ? locale : 'en';
  const plural = typeof vars?.count === 'number' ? (`${key}.${new Intl.PluralRules(lang).select(vars.count)}` as MessageKey) : null;
  const template = (plural && dict[plural]) || dict[key] || dictionaries.en[key] || key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

/** `es`, `es-MX`, … → es; anything else → en. */
export function detectLocale(languages: readonly string[] | string | undefined): Locale {
  const list = typeof languages === 'string' ? [languages] : (languages ?? []);
  for (const lang of list) {
    const base = lang.toLowerCase().split(/[-_]/)[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** The language to use before we know the user: remembered choice, else the browser's. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  if (typeof navigator === 'undefined') return 'en';
  return detectLocale(navigator.languages?.length ? navigator.languages : navigator.language);
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // ignore
  }
}
