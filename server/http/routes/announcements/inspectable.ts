import type { Request } from 'express';
import { canInspect, getAnnouncement } from '../../../announcements/queries.js';
import type { Db } from '../../../db/client.js';
import { requireUser } from '../../authenticate.js';
import { notFound } from '../../errors.js';
import { AnnouncementId } from './schema.js';

/** The announcement behind :id with the caller, if the caller may inspect it: its author and
 *  staff. Anyone else gets 404, not 403: whether an id exists is itself not everyone's business. */
export async function inspectable(db: Db, req: Request) {
  const user = requireUser(req);
  const id = AnnouncementId.parse(req.params.id);
  const announcement = await getAnnouncement(db, id);
  if (!announcement || !canInspect(user, announcement)) throw notFound('No such announcement');
  return { user, announcement };
}
