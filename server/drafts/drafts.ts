// Drafts: announcements being written, saved as their author types. Each belongs to its author
// alone: another person's draft is "not found", never overwritten (ids come from the composer).
import type { Db, Prisma } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';

/** How many drafts one person may keep: autosave must not be a way to fill the database. */
export const MAX_DRAFTS = 50;

export interface DraftInput {
  title: string;
  body: string;
  fields: Prisma.InputJsonObject;
}

export interface DraftView {
  id: string;
  title: string;
  body: string;
  fields: unknown;
  updatedAt: Date;
}

const VIEW = { id: true, title: true, body: true, fields: true, updatedAt: true } as const;

export class DraftLimitError extends Error {}

export function listDrafts(db: Db, authorId: string): Promise<DraftView[]> {
  return db.draft.findMany({ where: { authorId }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], select: VIEW });
}

/**
 * Creates the draft `id` for `authorId`, or updates it if it is theirs. Null when the id is
 * someone else's. Throws DraftLimitError when a new draft would go over MAX_DRAFTS.
 */
export async function saveDraft(db: Db, authorId: string, id: string, input: DraftInput): Promise<DraftView | null> {
  const data = { title: input.title, body: input.body, fields: input.fields };
  const { count } = await db.draft.updateMany({ where: { id, authorId }, data });
  if (count === 1) return db.draft.findUniqueOrThrow({ where: { id }, select: VIEW });
  if ((await db.draft.count({ where: { authorId } })) >= MAX_DRAFTS) throw new DraftLimitError();
  try {
    return await db.draft.create({ data: { id, authorId, ...data }, select: VIEW });
  } catch (err) {
    if (isUniqueViolation(err)) return null; // the id exists and is not theirs
    throw err;
  }
}

/** False when there is no such draft of theirs. */
export async function deleteDraft(db: Db, authorId: string, id: string): Promise<boolean> {
  const { count } = await db.draft.deleteMany({ where: { id, authorId } });
  return count === 1;
}
