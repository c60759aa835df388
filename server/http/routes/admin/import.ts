// POST /api/admin/users/import?dryRun=&invite= with a text/csv body (format: README,
// "Importing people"). 200 with the counts, or 422 import_invalid with the same counts and
// every row error, nothing written: the wire's ImportResult and ImportRefusal, which the
// web's import page reads.
import express, { Router } from 'express';
import type { Context } from '../../../context.js';
import { afterImport, importUsers } from '../../../people/index.js';
import type { ImportRefusal, ImportResult } from '../../../wire/index.js';
import { HttpError } from '../../errors.js';
import { adminActor, requireAdmin } from './guard.js';
import { ImportQuery } from './schema.js';

/** 100,000 rows of a typical export are about 10 MB. */
export const IMPORT_LIMIT = '25mb';
/** One transaction for the whole file: 100,000 rows take seconds, not the 5 s default. */
const IMPORT_TX = { timeout: 180_000, maxWait: 15_000 };

export function importRoutes(ctx: Context): Router {
  const router = Router();
  router.post(
    '/api/admin/users/import',
    requireAdmin,
    // This route alone takes CSV, and large bodies.
    express.text({ type: ['text/csv', 'application/csv'], limit: IMPORT_LIMIT }),
    async (req, res) => {
      const opts = ImportQuery.parse(req.query);
      if (typeof req.body !== 'string') {
        throw new HttpError(415, 'unsupported_media_type', 'Send the file as the body, with Content-Type: text/csv');
      }
      const csv = req.body;
      const started = performance.now();
      // Invitations need email: with it off, none are made.
      const invite = opts.invite && Boolean(ctx.config.smtpUrl);
      const result = await ctx.prisma.$transaction((tx) => importUsers(tx, adminActor(req), csv, { ...opts, invite }), IMPORT_TX);
      const { invitations, changedUserIds, ...body } = result;
      ctx.logger.info({ ...body, errors: body.errorCount, rows: undefined, dryRun: opts.dryRun, ms: Math.round(performance.now() - started) }, 'people import');
      if (result.errorCount) {
        const message = `${result.errorCount} problem${result.errorCount > 1 ? 's' : ''} in the file; nothing was imported`;
        res.status(422).json({ error: { code: 'import_invalid', message }, ...body } satisfies ImportRefusal);
        return;
      }
      const { invitationQueued: invited } = await afterImport(ctx, { invitations, changedUserIds });
      res.json({ ...body, invitationsSent: invited ? invitations.length : 0 } satisfies ImportResult);
    },
  );
  return router;
}
