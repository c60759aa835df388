// OpenAPI registration of the composer's helper routes.
import { z } from 'zod';
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { AudienceCountBody, CreateAnnouncementBody } from '../announcements/schema.js';

const tags = ['Announcements'];
const Outcome = z
  .object({
    status: z.enum(['sent', 'skipped', 'failed']),
    to: z.string().optional().meta({ description: 'When sent: the email address, or the Slack user id' }),
    reason: z.string().optional().meta({ description: 'Skipped: `not_chosen`, `off`, `no_slack_account`; failed: the provider’s short code' }),
  })
  .meta({ id: 'TestSendOutcome' });

export const paths: OpenApiPaths = {
  '/api/announcements/audience': {
    post: {
      tags,
      summary: 'How many people an audience reaches now (active members, each once)',
      description: 'Same permission as publishing: communicators and admins any audience, managers only departments they manage, employees 403.',
      requestBody: json(AudienceCountBody),
      responses: { 200: ok('The count', z.object({ recipients: z.number().int() })), ...errors(400, 401, 403) },
    },
  },
  '/api/announcements/test': {
    post: {
      tags,
      summary: 'Send a test of this message to me only (email, Slack direct message)',
      description:
        'Same body and permission as publishing. Email subject prefixed `[TEST] `; the Slack preview goes to the Slack account with my email. ' +
        'Nothing is stored but an audit record (`announcement.test`). At most 5 a minute per person (429).',
      requestBody: json(CreateAnnouncementBody),
      responses: { 200: ok('What was sent, per channel', z.object({ email: Outcome, slack: Outcome })), ...errors(400, 401, 403, 429) },
    },
  },
};
