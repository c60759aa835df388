// The announcement as the templates see it, read once per job.
import type { Db } from '../db/client.js';
import type { AnnouncementView } from '../templates/index.js';

export const viewInclude = {
  author: { select: { name: true } },
  apiKey: { select: { name: true } },
  departments: { include: { department: { select: { slug: true, name: true } } } },
} as const;

export function toAnnouncementView(a: {
  id: string; title: string; body: string; priority: AnnouncementView['priority']; requireAck: boolean;
  publishedAt: Date | null; createdAt: Date; expiresAt: Date | null;
  author: { name: string } | null; apiKey: { name: string } | null;
  departments: { department: { slug: string; name: string } }[];
}): AnnouncementView {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    priority: a.priority,
    requireAck: a.requireAck,
    publishedAt: a.publishedAt ?? a.createdAt,
    expiresAt: a.expiresAt,
    departments: a.departments.map((d) => d.department).sort((x, y) => x.slug.localeCompare(y.slug)),
    authorName: authorName(a),
  };
}

/** A person wrote it, or a system published it with an API key (shown by the key's name). */
export function authorName(a: { author: { name: string } | null; apiKey: { name: string } | null }): string {
  return a.author?.name ?? a.apiKey?.name ?? 'Heraldo';
}

export interface LoadedView { view: AnnouncementView; authorId: string | null }

/**
 * A fan-out sends thousands of jobs for one announcement; they share one read. The text can
 * change after publication (an edit), so a read is kept only briefly: another process's edit
 * reaches this one's emails within this long, and the process that made the edit forgets at
 * once (forgetView). Slack's chat.update after an edit reads afresh (`fresh`).
 */
const VIEW_TTL_MS = 5_000;
const cache = new Map<string, { at: number; loaded: Promise<LoadedView | null> }>();

/** The announcement as the templates see it (see VIEW_TTL_MS). */
export function loadView(db: Db, announcementId: string, opts: { fresh?: boolean } = {}): Promise<LoadedView | null> {
  const now = Date.now();
  const hit = cache.get(announcementId);
  if (hit && !opts.fresh && now - hit.at < VIEW_TTL_MS) return hit.loaded;
  if (cache.size > 1_000) cache.clear();
  const loaded = db.announcement
    .findUnique({ where: { id: announcementId }, include: viewInclude })
    .then((a) => (a ? { view: toAnnouncementView(a), authorId: a.authorId } : null));
  cache.set(announcementId, { at: now, loaded });
  loaded.catch(() => cache.delete(announcementId)); // a failed read is not remembered
  return loaded;
}

/** Drops this process's copy after an edit or a retraction. */
export function forgetView(announcementId: string): void {
  cache.delete(announcementId);
}
