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
};
