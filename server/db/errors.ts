// Recognising Postgres errors that callers answer rather than fail on.

/** Postgres unique violations as Prisma (P2002) or the driver (23505) report them. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } } | null;
  if (!e || typeof e !== 'object') return false;
  const cause = e.meta?.driverAdapterError?.cause;
  return e.code === 'P2002' || e.code === '23505' || cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation';
}
