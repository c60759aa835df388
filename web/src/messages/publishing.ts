// UI strings of publishing safely (confirmation, drafts, test send), English and Spanish.
// `es` must have every key of `en` (checked by the compiler). Counted sentences come in
// Intl.PluralRules categories (`.one` / `.other`), picked by lib/plural.ts.
export const en = {
  'publishing.confirm.title': 'Publish this announcement?',
  'publishing.confirm.send.one': 'Send to {count} person by {channels}?',
  'publishing.confirm.send.other': 'Send to {count} people by {channels}?',
  'publishing.confirm.schedule.one': 'Schedule for {count} person (today’s count) by {channels}, on {date}?',
  'publishing.confirm.schedule.other': 'Schedule for {count} people (today’s count) by {channels}, on {date}?',
  'publishing.confirm.yes': 'Yes, send',
  'publishing.confirm.yesSchedule': 'Yes, schedule',
  'publishing.confirm.no': 'Cancel',
  'publishing.confirm.counting': 'Counting recipients…',
  'publishing.channel.in_app': 'in-app',
  'publishing.channel.email': 'email',
  'publishing.channel.slack': 'Slack',
} as const;

export const es: Record<keyof typeof en, string> = {
  'publishing.confirm.title': '¿Publicar este anuncio?',
  'publishing.confirm.send.one': '¿Enviar a {count} persona por {channels}?',
  'publishing.confirm.send.other': '¿Enviar a {count} personas por {channels}?',
  'publishing.confirm.schedule.one': '¿Programar para {count} persona (recuento de hoy) por {channels}, el {date}?',
  'publishing.confirm.schedule.other': '¿Programar para {count} personas (recuento de hoy) por {channels}, el {date}?',
  'publishing.confirm.yes': 'Sí, enviar',
  'publishing.confirm.yesSchedule': 'Sí, programar',
  'publishing.confirm.no': 'Cancelar',
  'publishing.confirm.counting': 'Contando destinatarios…',
  'publishing.channel.in_app': 'la aplicación',
  'publishing.channel.email': 'correo electrónico',
  'publishing.channel.slack': 'Slack',
};
