// UI strings of one area, English and Spanish; web/src/i18n.ts merges every area's.
// `es` must have every key of `en` (checked by the compiler).
export const en = {} as const;

export const es: Record<keyof typeof en, string> = {};
