import type { Db } from '../../../db/client.js';
import { storedLocale } from '../../../people/fields.js';
import type { Me } from '../../../wire/index.js';

/** GET /api/me's body: the contract's fields plus locale and timezone. */
export async function loadMe(db: Db, userId: string): Promise<Me> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { memberships: { include: { department: true }, orderBy: { department: { slug: 'asc' } } } },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: storedLocale(user.locale),
    timezone: user.timezone,
    departments: user.memberships.map((m) => ({
      id: m.department.id,
      slug: m.department.slug,
      name: m.department.name,
      isManager: m.isManager,
    })),
  };
}
