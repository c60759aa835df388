// OpenAPI registration of the inbox routes, from the schemas the handlers parse with.
import { z } from 'zod';
import { errors, ok, type OpenApiPaths } from '../../openapi/common.js';
import { InboxQuery, NotificationId } from './schema.js';

const tags = ['Inbox'];
const byId = { path: z.object({ id: NotificationId }) };

export const paths: OpenApiPaths = {
  '/api/inbox': {
    get: { tags, summary: 'My notifications, newest first, with the unread count', requestParams: { query: InboxQuery }, responses: { 200: ok('{items, unreadCount}'), ...errors(400, 401) } },
  },
  '/api/inbox/read-all': {
    post: { tags, summary: 'Mark every notification read', responses: { 200: ok('{unreadCount: 0}'), ...errors(401) } },
  },
  '/api/inbox/{id}/read': {
    post: { tags, summary: 'Mark one notification read', requestParams: byId, responses: { 200: ok('The notification'), ...errors(400, 401, 404) } },
  },
  '/api/inbox/{id}/ack': {
    post: { tags, summary: 'Confirm one notification', requestParams: byId, responses: { 200: ok('The notification'), ...errors(400, 401, 404) } },
  },
};
