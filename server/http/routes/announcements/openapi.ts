// OpenAPI registration of the announcement routes (publishing, inspection, an announcement's
// life), from the schemas the handlers parse with.
import { z } from 'zod';
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { EditAnnouncementBody } from './life-schema.js';
import { AnnouncementId, AnnouncementListQuery, CreateAnnouncementBody, PublishHeaders, RecipientsQuery } from './schema.js';

const tags = ['Announcements'];
const byId = { path: z.object({ id: AnnouncementId }) };
const Author = z.object({ type: z.enum(['user', 'apiKey']), id: z.string(), name: z.string() }).meta({ id: 'Author', description: 'A person, or an API key shown by its name' });
const Created = z.object({ id: z.uuid(), status: z.enum(['published', 'scheduled']) });

export const paths: OpenApiPaths = {
  '/api/announcements': {
    post: {
      tags,
      summary: 'Publish or schedule an announcement',
      description:
        'People: communicators and admins may target anything, managers only departments they manage. ' +
        'API keys (`announcements:write`): within their departments, if they have any (then never `all`); the key\'s name is shown as the author.',
      requestParams: { header: PublishHeaders },
      requestBody: json(CreateAnnouncementBody),
      responses: {
        201: {
          description: 'Published or scheduled. A replay of an Idempotency-Key repeats the first answer with `Idempotent-Replayed: true`.',
          headers: z.object({ 'Idempotent-Replayed': z.literal('true').optional().meta({ description: 'Present on a replayed answer' }) }),
          ...json(Created),
        },
        ...errors(400, 401, 403, 409, 422),
      },
    },
    get: {
      tags,
      summary: 'Announcements this user may follow (staff: all; managers: their own)',
      description: 'Newest first, `limit` at a time; the next page is `before=<id of the last one>`. `q` matches the title, `status` narrows.',
      requestParams: { query: AnnouncementListQuery },
      responses: { 200: ok('Newest first', z.array(z.object({ id: z.uuid(), title: z.string(), status: z.string(), author: Author }).loose())), ...errors(401, 403) },
    },
  },
  '/api/announcements/{id}': {
    get: {
      tags,
      summary: 'One announcement (staff and its author)',
      requestParams: byId,
      responses: { 200: ok('The announcement', z.object({ id: z.uuid(), title: z.string(), body: z.string(), author: Author }).loose()), ...errors(400, 401, 404) },
    },
    patch: {
      tags,
      summary: 'Edit a published announcement (staff and its author)',
      description: 'Inboxes show the new text and `editedAt`; Slack posts are edited in place; no email is sent again.',
      requestParams: byId,
      requestBody: json(EditAnnouncementBody),
      responses: { 200: ok('Edited'), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/announcements/{id}/stats': {
    get: { tags, summary: 'Reach: recipients, per-channel delivery, read, acknowledged', requestParams: byId, responses: { 200: ok('Counts'), ...errors(400, 401, 404) } },
  },
  '/api/announcements/{id}/recipients': {
    get: {
      tags,
      summary: 'Recipients, optionally only those who have not read or confirmed',
      requestParams: { ...byId, query: RecipientsQuery },
      responses: { 200: ok('`{items, nextCursor}`: recipients; `cursor=<nextCursor>` asks for the next page (null: none)'), ...errors(400, 401, 404) },
    },
  },
  '/api/announcements/{id}/retry': {
    post: { tags, summary: 'Re-send failed deliveries (staff)', requestParams: byId, responses: { 200: ok('How many were re-queued'), ...errors(400, 401, 403, 404) } },
  },
  '/api/announcements/{id}/cancel': {
    post: { tags, summary: 'Cancel a scheduled announcement', requestParams: byId, responses: { 200: ok('Cancelled'), ...errors(400, 401, 404, 409) } },
  },
  '/api/announcements/{id}/remind': {
    post: {
      tags,
      summary: 'Remind now those who have not confirmed (staff and its author)',
      requestParams: byId,
      responses: { 202: ok('How many were reminded', z.object({ reminded: z.number().int() })), ...errors(400, 401, 403, 404, 409, 429) },
    },
  },
  '/api/announcements/{id}/recipients.csv': {
    get: {
      tags,
      summary: 'Recipients as CSV: name, email, departments, read_at, ack_at, email_status',
      requestParams: byId,
      responses: { 200: { description: 'One row per recipient', content: { 'text/csv': { schema: z.string() } } }, ...errors(400, 401, 404) },
    },
  },
  '/api/announcements/{id}/retract': {
    post: {
      tags,
      summary: 'Retract a published announcement (staff and its author)',
      description: 'It leaves every inbox, its Slack posts are deleted, unsent emails are skipped.',
      requestParams: byId,
      responses: { 200: ok('Retracted'), ...errors(400, 401, 403, 404, 409) },
    },
  },
};
