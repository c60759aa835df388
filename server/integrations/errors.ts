// What the integration functions refuse, in words the routes map to HTTP errors
// ({"error": {code, message, fields}}). This folder never imports from http/.

const STATUS = {
  validation_failed: 400,
  forbidden: 403,
  not_found: 404,
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


/** Postgres unique violations as Prisma (P2002) or the driver (23505) report them. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } } | null;
  if (!e || typeof e !== 'object') return false;
  const cause = e.meta?.driverAdapterError?.cause;
  return e.code === 'P2002' || e.code === '23505' || cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation';
}
