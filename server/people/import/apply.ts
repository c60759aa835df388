// Writing a planned import in a handful of set-based statements (arrays bound as parameters
// and unnested), whatever the number of rows: 100,000 people are a few statements, not
// 100,000 round trips.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { TOKEN_TTL_MS, newToken, type Invitation } from '../invitations.js';
import type { PlannedRow } from './plan.js';

/** Creates and updates what the plan says; returns invitations for the people created when
 *  `invite` is set (to queue after the commit). */
export async function applyImport(tx: Db, planned: PlannedRow[], invite: boolean): Promise<Invitation[]> {
  const creates = planned.filter((r) => r.action === 'create').map((r) => ({ ...r, id: randomUUID() }));
  const updates = planned.filter((r) => r.action === 'update');

  if (creates.length) {
    await tx.$executeRaw`
      INSERT INTO "User" (id, email, name, role, locale, timezone, "updatedAt")
      SELECT v.id, v.email, v.name, v.role::"Role", v.locale, v.timezone, now()
      FROM unnest(${creates.map((r) => r.id)}::uuid[], ${creates.map((r) => r.email)}::text[], ${creates.map((r) => r.name)}::text[],
                  ${creates.map((r) => r.role)}::text[], ${creates.map((r) => r.locale)}::text[], ${creates.map((r) => r.timezone)}::text[])
        AS v(id, email, name, role, locale, timezone)`;
  }
  if (updates.length) {
    await tx.$executeRaw`
      UPDATE "User" u SET name = v.name, role = v.role::"Role", locale = v.locale, timezone = v.timezone, "updatedAt" = now()
      FROM unnest(${updates.map((r) => r.id!)}::uuid[], ${updates.map((r) => r.name)}::text[], ${updates.map((r) => r.role)}::text[],
                  ${updates.map((r) => r.locale)}::text[], ${updates.map((r) => r.timezone)}::text[])
        AS v(id, name, role, locale, timezone)
      WHERE u.id = v.id`;
  }

  // Memberships: replaced whole for the people whose set changes (every new person's is new).
  const replaced = [...creates, ...updates].filter((r) => r.memberships !== null);
  if (replaced.length) {
    const existing = replaced.filter((r) => r.action === 'update').map((r) => r.id!);
    if (existing.length) await tx.$executeRaw`DELETE FROM "Membership" WHERE "userId" = ANY(${existing}::uuid[])`;
    const userIds: string[] = [];
    const departmentIds: string[] = [];
    const managers: boolean[] = [];
    for (const r of replaced) {
      for (const m of r.memberships!) {
        userIds.push(r.id!);
        departmentIds.push(m.departmentId);
        managers.push(m.isManager);
      }
    }
    if (userIds.length) {
      await tx.$executeRaw`
        INSERT INTO "Membership" ("userId", "departmentId", "isManager")
        SELECT * FROM unnest(${userIds}::uuid[], ${departmentIds}::uuid[], ${managers}::boolean[])`;
    }
  }

  if (!invite || !creates.length) return [];
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  const invitations = creates.map((r) => ({ tokenId: randomUUID(), userId: r.id, ...newToken() }));
  await tx.$executeRaw`
    INSERT INTO "PasswordToken" (id, "userId", "tokenHash", "expiresAt")
    SELECT t.id, t."userId", t.hash, ${expiresAt}
    FROM unnest(${invitations.map((i) => i.tokenId)}::uuid[], ${invitations.map((i) => i.userId)}::uuid[], ${invitations.map((i) => i.tokenHash)}::text[])
      AS t(id, "userId", hash)`;
  return invitations.map(({ tokenId, userId, token }) => ({ tokenId, userId, token, expiresAt: expiresAt.toISOString() }));
}
