// Checks an audience the way publishing does: every department must exist (400 otherwise,
// naming the field) and the signed-in person must be allowed to address it (403).
import { unknownDepartments } from '../../../announcements/publish.js';
import { audienceDenial, type Audience } from '../../../auth/permissions.js';
import type { SessionUser } from '../../../auth/sessions.js';
import type { Db } from '../../../db/client.js';
import { HttpError, forbidden } from '../../errors.js';

export async function assertMayAddress(db: Db, user: SessionUser, audience: Audience, field = 'audience.departmentIds'): Promise<void> {
  if (audience.type === 'departments') {
    const unknown = await unknownDepartments(db, audience.departmentIds);
    if (unknown.length) {
      throw new HttpError(400, 'validation_failed', 'Some fields are invalid', { [field]: `Unknown department(s): ${unknown.join(', ')}` });
    }
  }
  const denial = await audienceDenial(db, user, audience);
  if (denial) throw forbidden(denial);
}
