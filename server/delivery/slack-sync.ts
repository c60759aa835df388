// Keeping Slack in step with an announcement after it was posted: chat.update on the post's
// `ts` after an edit, chat.delete after a retraction. The Delivery row of the post holds the
// channel (target) and the `ts` (providerId).
import { ErrorCode, type WebAPIPlatformError, type WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Context } from '../context.js';
import type { Templates } from '../templates/index.js';
import { loadView } from './announcement-view.js';
import { jobId, type SlackSyncJob } from './queues.js';

/** The post is not there any more (someone deleted it in Slack): nothing left to do. */
const GONE = new Set(['message_not_found', 'channel_not_found', 'is_archived']);
/** Slack refuses this change for good; retrying will not help. */
const REFUSED = new Set([
  'cant_update_message', 'cant_delete_message', 'edit_window_closed', 'compliance_exports_prevent_deletion',
  'invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission',
  'missing_scope', 'invalid_blocks', 'msg_too_long', 'not_in_channel', 'restricted_action',
]);

/** How a retracted post's row records its end (`deleted`, `gone: …`, `kept: …` follow): once
 *  written, the dispatcher's sweep asks for no more deletion. */
export const POST_ENDED = 'retracted: post ';

/** Thrown while the post is still being made: BullMQ retries with backoff until it has a `ts`. */
class NotPostedYet extends Error {}

export function slackSyncHandler(ctx: Context, templates: Templates, client: WebClient) {
  const inboxUrl = new URL('/inbox', ctx.config.publicUrl).toString();
  return async (job: Job<SlackSyncJob>, token?: string): Promise<string> => {
    const { deliveryId, action } = job.data;
    const d = await ctx.prisma.delivery.findUnique({
      where: { id: deliveryId },
      select: { status: true, providerId: true, target: true, announcementId: true, announcement: { select: { status: true, editedAt: true } } },
    });
    if (!d) return 'gone';
    if (!d.providerId) {
      // Not posted (yet). A pending post will be made from the announcement as it is now, so an
      // update has nothing to do; a delete must wait if the post is being made this very moment.
      if (action === 'update') return 'not posted yet: it will carry the new text';
      const posting = await ctx.queues.slack.getJob(jobId.slack(d.announcementId, d.target));
      if (posting && (await posting.getState()) === 'active') throw new NotPostedYet('the post is being made; waiting for its ts');
      return 'never posted';
    }
    if (action === 'update' && d.announcement.status !== 'published') return `not updated: ${d.announcement.status}`;
    // What is done for good is written down, so the dispatcher's sweep (slack-sync-sweep.ts)
    // stops asking for it: the edit this post now shows, or the retracted post's end.
    const settle = (result: string) =>
      ctx.prisma.delivery
        .update({ where: { id: deliveryId }, data: action === 'delete' ? { error: `${POST_ENDED}${result}` } : { syncedAt: d.announcement.editedAt } })
        .then(() => result);
    try {
      if (action === 'delete') {
        await client.chat.delete({ channel: d.target, ts: d.providerId });
        return await settle('deleted');
      }
      const loaded = await loadView(ctx.prisma, d.announcementId, { fresh: true });
      if (!loaded) return 'gone';
      const message = templates.slack(loaded.view, { inboxUrl });
      await client.chat.update({ channel: d.target, ts: d.providerId, text: message.text, blocks: message.blocks as never });
      return await settle('updated');
    } catch (err) {
      const e = err as { code?: string };
      if (e.code === ErrorCode.RateLimitedError && token) {
        const seconds = Math.max(1, (err as WebAPIRateLimitedError).retryAfter);
        await job.moveToDelayed(Date.now() + seconds * 1000, token);
        throw new DelayedError();
      }
      if (e.code === ErrorCode.PlatformError) {
        const reason = (err as WebAPIPlatformError).data.error;
        if (GONE.has(reason)) return settle(`gone: ${reason}`);
        if (REFUSED.has(reason)) {
          ctx.logger.warn({ deliveryId, action, reason }, 'Slack refused to sync a post');
          await settle(`kept: Slack refused (${reason})`);
          throw new UnrecoverableError(`Slack refused: ${reason}`);
        }
      }
      throw err;
    }
  };
}
