// UI strings of one area, English and Spanish; web/src/i18n.ts merges every area's.
// `es` must have every key of `en` (checked by the compiler).
export const en = {
  'composer.channelOff.email': 'Email is off on this server (SMTP_URL is not set).',
  'composer.channelOff.slack': 'Slack is off on this server (SLACK_BOT_TOKEN is not set).',
  'stats.skippedTitle': 'Why some were skipped',
  'stats.skippedReason': 'Reason',
  'stats.skippedCount': 'Deliveries',
  'stats.skip.preference': "The person's email preference",
  'stats.skip.retracted': 'The announcement was retracted before sending',
} as const;

export const es: Record<keyof typeof en, string> = {
  'composer.channelOff.email': 'El correo está desactivado en este servidor (falta SMTP_URL).',
  'composer.channelOff.slack': 'Slack está desactivado en este servidor (falta SLACK_BOT_TOKEN).',
  'stats.skippedTitle': 'Por qué se omitieron algunos envíos',
  'stats.skippedReason': 'Motivo',
  'stats.skippedCount': 'Envíos',
  'stats.skip.preference': 'La preferencia de correo de la persona',
  'stats.skip.retracted': 'El anuncio se retiró antes del envío',
};
