import { z } from 'zod';
import { MAX_RESULTS } from '../../../identity/scim/discovery.js';

/** A repeated query parameter (`?count=1&count=2`) counts once, the first time. */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const int = (fallback: number) => z.preprocess(first, z.coerce.number().int().catch(fallback)).default(fallback);

/** RFC 7644 §3.4.2.4: startIndex below 1 is 1; count below 0 is 0; above our maximum, the maximum. */
export const ListQuery = z.object({
  filter: z.preprocess(first, z.string().optional()),
  // Capped where Postgres offsets stay cheap to reject (no one has a billion people).
  startIndex: int(1).transform((n) => Math.min(1_000_000_000, Math.max(1, n))),
  count: int(100).transform((n) => Math.min(MAX_RESULTS, Math.max(0, n))),
});

/** `excludedAttributes=members`: what Entra ID asks for when it only wants to find a Group. */
export function withMembers(query: Record<string, unknown>): boolean {
  const excluded = first(query.excludedAttributes);
  return !(typeof excluded === 'string' && excluded.split(',').some((a) => a.trim().toLowerCase() === 'members'));
}
