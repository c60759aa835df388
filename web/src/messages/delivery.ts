// Why a delivery failed, in people's words (see lib/deliveryErrors.ts), English and Spanish.
// `es` must have every key of `en` (checked by the compiler).
export const en = {
  'delivery.rawReason': 'Provider’s reason',
  'delivery.unknown': 'The provider refused it.',
  'delivery.slack.channelNotFound': 'The Slack channel does not exist (deleted, or the department has a wrong channel id).',
  'delivery.slack.notInChannel': 'The Heraldo app is not a member of this Slack channel: invite it there.',
  'delivery.slack.archived': 'The Slack channel is archived.',
  'delivery.slack.auth': 'Slack refused Heraldo’s token: check SLACK_BOT_TOKEN and the app’s permissions.',
  'delivery.slack.rateLimited': 'Slack asked Heraldo to slow down.',
  'delivery.slack.rejectedMessage': 'Slack refused the message (too long or malformed).',
  'delivery.email.unknownMailbox': 'This email address does not exist at the recipient’s mail server.',
  'delivery.email.mailboxFull': 'The recipient’s mailbox is full.',
  'delivery.email.badAddress': 'The recipient’s mail server does not accept this address.',
  'delivery.email.auth': 'The mail server refused Heraldo’s sign-in: check SMTP_URL.',
  'delivery.email.policy': 'The recipient’s mail server blocked the message (a policy or spam filter).',
  'delivery.email.refused': 'The recipient’s mail server refused the message.',
  'delivery.email.temporary': 'The mail server had a temporary problem.',
  'delivery.email.unreachable': 'Heraldo could not reach the mail server.',
} as const;

export const es: Record<keyof typeof en, string> = {
  'delivery.rawReason': 'Motivo del proveedor',
  'delivery.unknown': 'El proveedor lo rechazó.',
  'delivery.slack.channelNotFound': 'El canal de Slack no existe (se borró o el departamento tiene un id de canal erróneo).',
  'delivery.slack.notInChannel': 'La app de Heraldo no está en este canal de Slack: invítala.',
  'delivery.slack.archived': 'El canal de Slack está archivado.',
  'delivery.slack.auth': 'Slack rechazó el token de Heraldo: revisa SLACK_BOT_TOKEN y los permisos de la app.',
  'delivery.slack.rateLimited': 'Slack pidió a Heraldo que fuera más despacio.',
  'delivery.slack.rejectedMessage': 'Slack rechazó el mensaje (demasiado largo o mal formado).',
  'delivery.email.unknownMailbox': 'Esta dirección de correo no existe en el servidor del destinatario.',
  'delivery.email.mailboxFull': 'El buzón del destinatario está lleno.',
  'delivery.email.badAddress': 'El servidor del destinatario no acepta esta dirección.',
  'delivery.email.auth': 'El servidor de correo rechazó el acceso de Heraldo: revisa SMTP_URL.',
  'delivery.email.policy': 'El servidor del destinatario bloqueó el mensaje (una política o un filtro de spam).',
  'delivery.email.refused': 'El servidor del destinatario rechazó el mensaje.',
  'delivery.email.temporary': 'El servidor de correo tuvo un problema pasajero.',
  'delivery.email.unreachable': 'Heraldo no pudo contactar con el servidor de correo.',
};
