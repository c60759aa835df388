// Slack: one chat.postMessage per targeted channel, Block Kit from the templates.
import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import type { Context } from '../context.js';
import type { Templates } from '../templates/index.js';
import { loadView } from './announcement-view.js';
import { PermanentDeliveryError, RetryLaterError, type SendOutcome } from './delivery-task.js';

/** Slack errors that retrying will not fix. */
const PERMANENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'not_authed', 'account_inactive',
  'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'invalid_blocks', 'msg_too_long',
  'restricted_action', 'team_access_not_granted',
]);

export function createSlackClient(ctx: Context): WebClient {
  // Retries are BullMQ's job (with backoff and a record per attempt); the client must not
  // retry on its own nor sit out rate limits silently.
  return new WebClient(ctx.config.slackToken, {
    slackApiUrl: ctx.config.slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  });
}

export async function loadSlack(ctx: Context, deliveryId: string) {
  const d = await ctx.prisma.delivery.findUnique({ where: { id: deliveryId } });
  if (!d) return null;
  const loaded = await loadView(ctx.prisma, d.announcementId);
  return loaded ? { delivery: d, item: { view: loaded.view, channel: d.target }, authorId: loaded.authorId } : null;
}

type SlackItem = NonNullable<Awaited<ReturnType<typeof loadSlack>>>['item'];

export function slackSender(ctx: Context, templates: Templates, client: WebClient) {
  const inboxUrl = new URL('/inbox', ctx.config.publicUrl).toString();
  return async ({ view, channel }: SlackItem): Promise<SendOutcome> => {
    const message = templates.slack(view, { inboxUrl });
    try {
      const res = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false });
      return { providerId: String(res.ts ?? '') };
    } catch (err) {
      const e = err as { code?: string };
      if (e.code === ErrorCode.RateLimitedError) {
        const seconds = (err as WebAPIRateLimitedError).retryAfter;
        throw new RetryLaterError(`Slack rate limit: retry after ${seconds}s`, Math.max(1, seconds) * 1000);
      }
      if (e.code === ErrorCode.PlatformError) {
        const reason = (err as WebAPIPlatformError).data.error;
        if (PERMANENT.has(reason)) throw new PermanentDeliveryError(`Slack refused: ${reason}`);
      }
      throw err;
    }
  };
}
