// What a people change does once its transaction has committed: things outside Postgres,
// which must not happen for a change that rolls back.
import { invalidateManyUserSessions, invalidateUserSessions } from '../auth/session-cache.js';
import type { Context } from '../context.js';
import { JOB_OPTIONS, jobId } from '../delivery/queues.js';
import type { RealtimeEmitter } from '../realtime/emitter.js';
// rooms is a plain naming table; the people concern uses it only to address one user's sockets.
import { rooms } from '../realtime/events.js';
import type { Invitation } from './invitations.js';

/** A socket that finished its handshake just before the deactivation committed may join its
 *  rooms just after the first cut: a second cut a moment later closes it too. */
const SECOND_CUT_MS = 1_500;

/** Closes every socket of the person, on every api node (through the Redis adapter). */
export function closeUserSockets(emitter: RealtimeEmitter, userId: string): void {
  emitter.in(rooms.user(userId)).disconnectSockets(true);
  setTimeout(() => emitter.in(rooms.user(userId)).disconnectSockets(true), SECOND_CUT_MS).unref();
}

const ENQUEUE_PAGE = 1_000;

/** Queues the invitation emails (when email is on). Job ids come from the token ids, so a
 *  repeated call queues nothing twice. */
export async function queueInvitations(ctx: Pick<Context, 'config' | 'queues' | 'logger'>, invitations: Invitation[]): Promise<boolean> {
  if (!invitations.length) return false;
  if (!ctx.config.smtpUrl) {
    ctx.logger.info({ count: invitations.length }, 'invitations not sent: email is off (SMTP_URL is not set)');
    return false;
  }
  for (let i = 0; i < invitations.length; i += ENQUEUE_PAGE) {
    await ctx.queues.invitation.addBulk(
      invitations.slice(i, i + ENQUEUE_PAGE).map((inv) => ({
        name: 'invitation',
        data: { tokenId: inv.tokenId, token: inv.token },
        opts: { ...JOB_OPTIONS.invitation, jobId: jobId.invitation(inv.tokenId) },
      })),
    );
  }
  return true;
}

/** After a createUser / updateUser / inviteUser committed: queue its invitation; for a
 *  changed person, make every api node forget its cached sessions of them (a handshake then
 *  reads the database: refused when deactivated, the new role otherwise), and close every
 *  socket of a person it deactivated. Returns whether an invitation was queued. */
export async function afterUserWrite(
  ctx: Pick<Context, 'config' | 'queues' | 'logger' | 'emitter' | 'redis'>,
  write: { user: { id: string }; invitation: Invitation | null; deactivated: boolean; changed?: boolean },
): Promise<{ invitationQueued: boolean }> {
  // The cache first: a socket cut below reconnects at once, and must not be let in from it.
  if (write.deactivated || write.changed) await invalidateUserSessions(ctx, write.user.id);
  if (write.deactivated) closeUserSockets(ctx.emitter, write.user.id);
  const invitationQueued = write.invitation ? await queueInvitations(ctx, [write.invitation]) : false;
  return { invitationQueued };
}

/** After an import committed: every api node forgets the cached sessions of the people whose
 *  role, name or language changed (a new role decides the rooms a socket joins at connect),
 *  then the invitations are queued. */
export async function afterImport(
  ctx: Pick<Context, 'config' | 'queues' | 'logger' | 'redis'>,
  imported: { invitations: Invitation[]; changedUserIds: string[] },
): Promise<{ invitationQueued: boolean }> {
  await invalidateManyUserSessions(ctx, imported.changedUserIds);
  return { invitationQueued: await queueInvitations(ctx, imported.invitations) };
}
