// What the integration functions refuse, in words the routes map to HTTP errors
// ({"error": {code, message, fields}}). This folder never imports from http/.

const STATUS = {
  idempotency_key_in_use: 409,
  idempotency_key_reused: 422,
} as const;
export type IntegrationErrorCode = keyof typeof STATUS;

export class IntegrationError extends Error {
  readonly status: number;
  constructor(
    readonly code: IntegrationErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'IntegrationError';
    this.status = STATUS[code];
  }
}
