// POST /api/announcements/test: the composer's message to the signed-in person only, by email
// and Slack DM, now. Rate-limited per person (a fixed window in Redis) and audited; stores no
// announcement, notification or delivery.
import type { RequestHandler } from 'express';
import nodemailer from 'nodemailer';
import { recordAudit, userActor } from '../../../audit/audit.js';
import { sendTestEmail, sendTestSlack, type TestSenders } from '../../../announcements/test-send.js';
import { canPublish } from '../../../auth/permissions.js';
import type { Context } from '../../../context.js';
import { createSlackClient } from '../../../delivery/slack.js';
import type { Templates } from '../../../templates/index.js';
import type { TestSendAnswer } from '../../../wire/index.js';
import { requireUser } from '../../authenticate.js';
import { HttpError, forbidden } from '../../errors.js';
import { CreateAnnouncementBody } from '../announcements/schema.js';
import { assertMayAddress } from './audience.js';

/** Test sends per person per window: enough to iterate on a message, too few to spam oneself. */
export const TEST_SEND_LIMIT = { perWindow: 5, windowSeconds: 60 } as const;

export function testSendHandler(ctx: Context, templates: Templates): RequestHandler {
  // One message at a time and a handful per minute: a plain (unpooled) transport is enough,
  // and it holds no connection open between test sends.
  const senders: TestSenders = {
    mailer: ctx.config.smtpUrl ? nodemailer.createTransport(ctx.config.smtpUrl) : null,
    mailFrom: ctx.config.mailFrom,
    slack: ctx.config.slackToken ? createSlackClient(ctx) : null,
  };
  const inboxUrl = new URL('/inbox', ctx.config.publicUrl).toString();

  return async (req, res) => {
    const user = requireUser(req);
    if (!canPublish(user)) throw forbidden('Only people who can publish send tests');
    const input = CreateAnnouncementBody.parse(req.body);
    await assertMayAddress(ctx.prisma, user, input.audience);

    const key = `${ctx.config.redisPrefix}:test-send:${user.id}`;
    const [[, count], [, ttl]] = (await ctx.redis.multi().incr(key).ttl(key).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await ctx.redis.expire(key, TEST_SEND_LIMIT.windowSeconds);
    if (count > TEST_SEND_LIMIT.perWindow) {
      res.setHeader('Retry-After', String(ttl > 0 ? ttl : TEST_SEND_LIMIT.windowSeconds));
      throw new HttpError(429, 'too_many_tests', `At most ${TEST_SEND_LIMIT.perWindow} test sends a minute`);
    }

    const ids = input.audience.type === 'departments' ? input.audience.departmentIds : [];
    const departments = ids.length
      ? await ctx.prisma.department.findMany({ where: { id: { in: ids } }, select: { slug: true, name: true }, orderBy: { slug: 'asc' } })
      : [];
    const view = {
      id: 'test', title: input.title, body: input.body, priority: input.priority, requireAck: input.requireAck,
      publishedAt: new Date(), expiresAt: input.expiresAt ?? null, departments, authorName: user.name,
    };
    const send = { view, recipient: { name: user.name, email: user.email, locale: user.locale, timezone: user.timezone }, channels: input.channels, inboxUrl };
    const [email, slack] = await Promise.all([sendTestEmail(templates, senders, send), sendTestSlack(templates, senders, send)]);

    await recordAudit(ctx.prisma, userActor(user), 'announcement.test', { type: 'user', id: user.id }, {
      title: input.title, channels: input.channels, email: email.status, slack: slack.status,
    });
    ctx.logger.info({ userId: user.id, email: email.status, slack: slack.status }, 'test announcement sent');
    res.json({ email, slack } satisfies TestSendAnswer);
  };
}
