// UI strings of one area, English and Spanish; web/src/i18n.ts merges every area's.
// `es` must have every key of `en` (checked by the compiler).
export const en = {
  'sso.signInWith': 'Sign in with {name}',
  'sso.or': 'or with your email and password',
  'sso.only': 'Your company signs you in through its identity provider.',
} as const;

export const es: Record<keyof typeof en, string> = {
  'sso.signInWith': 'Entrar con {name}',
  'sso.or': 'o con tu correo y contraseña',
  'sso.only': 'Tu empresa te identifica a través de su proveedor de identidad.',
};
