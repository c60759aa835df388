// The announcement as the templates see it, read once per job.
import type { Db } from '../db/client.js';
import type { AnnouncementView } from '../templates/index.js';

export const viewInclude = {
  author: { select: { name: true } },
  departments: { include: { department: { select: { slug: true, name: true } } } },
} as const;

export function toAnnouncementView(a: {
  id: string; title: string; body: string; priority: AnnouncementView['priority']; requireAck: boolean;
  publishedAt: Date | null; createdAt: Date; expiresAt: Date | null; author: { name: string };
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
    authorName: a.author.name,
  };
}

export async function loadView(db: Db, announcementId: string): Promise<AnnouncementView | null> {
  const a = await db.announcement.findUnique({ where: { id: announcementId }, include: viewInclude });
  return a ? toAnnouncementView(a) : null;
}
