// /api/admin/users: list, read, create, change (deactivation included), invite again. Each
// answer `satisfies` its wire type (server/wire/admin.ts), which the web's people pages read.
import { Router } from 'express';
import type { Context } from '../../../context.js';
import { afterUserWrite, createUser, getUser, inviteUser, listUsers, toAdminUser, updateUser } from '../../../people/index.js';
import type { AdminUserDetail, CreatedUser, InvitationAnswer, UserPage } from '../../../wire/index.js';
import { notFound } from '../../errors.js';
import { adminActor, requireAdmin } from './guard.js';
import { CreateUserBody, ListUsersQuery, PatchUserBody, isUuid } from './schema.js';

const userId = (id: string | string[] | undefined) => {
  if (typeof id !== 'string' || !isUuid(id)) throw notFound('No such user');
  return id;
};

export function userRoutes(ctx: Context): Router {
  const router = Router();

  router.get('/api/admin/users', requireAdmin, async (req, res) => {
    const q = ListUsersQuery.parse(req.query);
    const page = await listUsers(ctx.prisma, q);
    res.json({ items: page.items.map(toAdminUser), nextCursor: page.nextCursor } satisfies UserPage);
  });

  router.get('/api/admin/users/:id', requireAdmin, async (req, res) => {
    const user = await getUser(ctx.prisma, userId(req.params.id));
    if (!user) throw notFound('No such user');
    res.json({ ...toAdminUser(user), hasPassword: user.hasPassword } satisfies AdminUserDetail);
  });

  router.post('/api/admin/users', requireAdmin, async (req, res) => {
    const input = CreateUserBody.parse(req.body);
    // With email off there is no one to send the link to: no token is made (the audit says so).
    const invite = Boolean(ctx.config.smtpUrl);
    const write = await ctx.prisma.$transaction((tx) => createUser(tx, adminActor(req), { ...input, invite }));
    const { invitationQueued } = await afterUserWrite(ctx, write);
    res.status(201).setHeader('Location', `/api/admin/users/${write.user.id}`);
    res.json({ ...toAdminUser(write.user), invitationSent: invitationQueued } satisfies CreatedUser);
  });

  router.patch('/api/admin/users/:id', requireAdmin, async (req, res) => {
    const id = userId(req.params.id);
    const patch = PatchUserBody.parse(req.body);
    const write = await ctx.prisma.$transaction((tx) => updateUser(tx, adminActor(req), id, patch));
    await afterUserWrite(ctx, write);
    res.json(toAdminUser(write.user));
  });

  /** A new invitation email (the first expired, or the person was imported without one). */
  router.post('/api/admin/users/:id/invitation', requireAdmin, async (req, res) => {
    const id = userId(req.params.id);
    if (!ctx.config.smtpUrl) {
      if (!(await getUser(ctx.prisma, id))) throw notFound('No such user');
      res.status(202).json({ invitationSent: false, expiresAt: null } satisfies InvitationAnswer);
      return;
    }
    const write = await ctx.prisma.$transaction((tx) => inviteUser(tx, adminActor(req), id));
    const { invitationQueued } = await afterUserWrite(ctx, write);
    res.status(202).json({ invitationSent: invitationQueued, expiresAt: write.invitation!.expiresAt } satisfies InvitationAnswer);
  });

  return router;
}
