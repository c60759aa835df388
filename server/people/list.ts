// The people list: search, filters, and keyset pages (stable while people are added, and as
// fast on page 2,000 as on page 1, unlike OFFSET).
import type { Db, Prisma } from '../db/client.js';
import { invalid } from './errors.js';
import { toUserView, userSelect, type UserView } from './views.js';

export interface UserQuery {
  /** Part of the name or email, any case. */
  query?: string;
  /** A department slug: its members only. */
  department?: string;
  active?: boolean;
  limit: number;
  /** The previous page's nextCursor. */
  cursor?: string;
}

/** Pages are ordered by name, then id: the cursor is the last row's (name, id). */
function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && /^[0-9a-f-]{36}$/.test(value[1])) {
      return [value[0], value[1]];
    }
  } catch {
    // not base64 JSON: refused below
  }
  throw invalid('cursor', 'Not a cursor from a previous page');
}

const encodeCursor = (u: { name: string; id: string }) => Buffer.from(JSON.stringify([u.name, u.id])).toString('base64url');

export async function listUsers(db: Db, q: UserQuery): Promise<{ items: UserView[]; nextCursor: string | null }> {
  const where: Prisma.UserWhereInput[] = [];
  const text = q.query?.trim();
  if (text) where.push({ OR: [{ name: { contains: text, mode: 'insensitive' } }, { email: { contains: text.toLowerCase() } }] });
  if (q.department) where.push({ memberships: { some: { department: { slug: q.department } } } });
  if (q.active !== undefined) where.push({ active: q.active });
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor);
    // (name, id) > (cursor): the `gte` lets Postgres start the (name, id) index scan there.
    where.push({ name: { gte: name } }, { OR: [{ name: { gt: name } }, { id: { gt: id } }] });
  }
  const rows = await db.user.findMany({ where: { AND: where }, select: userSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { items: page.map(toUserView), nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
}
