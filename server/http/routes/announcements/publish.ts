// POST /api/announcements: a person or an API key publishes; with an Idempotency-Key, a
// retry gets the first answer again instead of publishing twice.
import type { RequestHandler } from 'express';
import { enqueueFanoutSoon } from '../../../announcements/enqueue.js';
import { createAnnouncement, unknownDepartments, type Publisher } from '../../../announcements/publish.js';
import { audienceDenial, canPublish } from '../../../auth/permissions.js';
import type { Context } from '../../../context.js';
import { keyAudienceDenial } from '../../../integrations/api-keys.js';
import {
  REPLAYED_HEADER, claimIdempotency, completeIdempotency, releaseIdempotency, requestHash,
  type IdempotencyScope,
} from '../../../integrations/idempotency.js';
import { requireCaller, type Caller } from '../../authenticate.js';
import { HttpError, forbidden } from '../../errors.js';
import { asHttpError, mapIntegrationErrors } from '../../integration-errors.js';
import { CreateAnnouncementBody, PublishHeaders } from './schema.js';

const publisherOf = (caller: Caller): Publisher =>
  caller.type === 'user'
    ? { type: 'user', id: caller.user.id, name: caller.user.name }
    : { type: 'apiKey', id: caller.key.id, name: caller.key.name };

const scopeOf = (caller: Caller): IdempotencyScope => (caller.type === 'user' ? `user:${caller.user.id}` : `apiKey:${caller.key.id}`);

export function publishHandler(ctx: Context): RequestHandler {
  return async (req, res) => {
    const caller = requireCaller(req);
    if (caller.type === 'user' && !canPublish(caller.user)) throw forbidden('Employees cannot publish announcements');

    const { 'Idempotency-Key': key } = PublishHeaders.parse({ 'Idempotency-Key': req.headers['idempotency-key'] });
    const claim = key ? await mapIntegrationErrors(() => claimIdempotency(ctx.prisma, scopeOf(caller), key, requestHash(req.body))) : undefined;
    if (claim?.kind === 'replay') {
      res.set(REPLAYED_HEADER, 'true').status(claim.status).json(claim.body);
      return;
    }

    let created: { id: string; status: string; scheduledAt: Date | null };
    try {
      const input = CreateAnnouncementBody.parse(req.body);
      if (input.audience.type === 'departments') {
        const unknown = await unknownDepartments(ctx.prisma, input.audience.departmentIds);
        if (unknown.length) {
          throw new HttpError(400, 'validation_failed', 'Some fields are invalid', {
            'audience.departmentIds': `Unknown department(s): ${unknown.join(', ')}`,
          });
        }
      }
      const denial =
        caller.type === 'user' ? await audienceDenial(ctx.prisma, caller.user, input.audience) : keyAudienceDenial(caller.key, input.audience);
      if (denial) throw forbidden(denial);

      // The announcement, its audit record and the remembered answer commit together.
      created = await ctx.prisma.$transaction(async (tx) => {
        const a = await createAnnouncement(tx, publisherOf(caller), input);
        if (claim) await completeIdempotency(tx, claim, 201, { id: a.id, status: a.status });
        return a;
      });
    } catch (err) {
      // Nothing was published: give the key back so that a fixed request, or a retry after
      // a server error, can run. If even this fails, the claim is taken over after a minute.
      if (claim) await releaseIdempotency(ctx.prisma, claim).catch(() => {});
      throw asHttpError(err);
    }

    ctx.logger.info({ announcementId: created.id, author: `${caller.type}:${publisherOf(caller).id}`, status: created.status }, 'announcement created');
    await enqueueFanoutSoon(ctx, created);
    res.status(201).json({ id: created.id, status: created.status });
  };
}
