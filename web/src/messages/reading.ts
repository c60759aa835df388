// UI strings of reading (inbox items, focus targets, lists, language notes), English and
// Spanish; web/src/i18n.ts merges every area's. `es` must have every key of `en`.
export const en = {
  'reading.codeBox': 'Code block, scrolls sideways',
  'reading.tableBox': 'Table, scrolls sideways',
  'reading.openToAck': 'Open it to confirm you have read it.',
  'reading.listEnd': 'That is everything.',
  'reading.toToasts': 'Go to new notifications ({count})',
  'lists.searchLabel': 'Search titles',
  'lists.anyStatus': 'Any status',
  'lists.noMatch': 'No announcement matches.',
  'lists.countedWhenSent': 'counted when it is sent',
  'lists.notSent': 'not sent',
  'lists.notReadYet': 'Not yet',
  // Singular forms of counted strings elsewhere (see translate in i18n.ts).
  'stats.retried#one': '{count} delivery queued again.',
  'life.ann.reminded#one': 'Reminder sent to {count} person.',
  'import.invalid#one': '{count} problem: nothing was imported. Fix it and check again.',
  'people.shown#one': '{count} shown',
  'reading.toToasts#one': 'Go to the new notification',
} as const;

export const es: Record<keyof typeof en, string> = {
  'reading.codeBox': 'Bloque de código, se desplaza en horizontal',
  'reading.tableBox': 'Tabla, se desplaza en horizontal',
  'reading.openToAck': 'Ábrelo para confirmar que lo has leído.',
  'reading.listEnd': 'No hay nada más.',
  'reading.toToasts': 'Ir a las notificaciones nuevas ({count})',
  'lists.searchLabel': 'Buscar en los títulos',
  'lists.anyStatus': 'Cualquier estado',
  'lists.noMatch': 'Ningún anuncio coincide.',
  'lists.countedWhenSent': 'se cuentan al enviarlo',
  'lists.notSent': 'no se envió',
  'lists.notReadYet': 'Todavía no',
  'stats.retried#one': '{count} entrega puesta de nuevo en cola.',
  'life.ann.reminded#one': 'Recordatorio enviado a {count} persona.',
  'import.invalid#one': '{count} problema: no se ha importado nada. Corrígelo y vuelve a comprobar.',
  'people.shown#one': '{count} mostrada',
  'reading.toToasts#one': 'Ir a la notificación nueva',
};
