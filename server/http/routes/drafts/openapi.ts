// OpenAPI registration of the drafts routes, from the schemas the handlers parse with.
import { z } from 'zod';
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { Draft, DraftBody, DraftId } from './schema.js';

const tags = ['Drafts'];
const byId = { path: z.object({ id: DraftId }) };

export const paths: OpenApiPaths = {
  '/api/drafts': {
    get: {
      tags,
      summary: 'My drafts, newest first (people who can publish)',
      responses: { 200: ok('Drafts', z.object({ items: z.array(Draft) })), ...errors(401, 403) },
    },
  },
  '/api/drafts/{id}': {
    put: {
      tags,
      summary: 'Create or update one of my drafts (the composer picks the id)',
      description: 'Another person’s draft id answers 404. At most 50 drafts per person (409 `too_many_drafts`).',
      requestParams: byId,
      requestBody: json(DraftBody),
      responses: { 200: ok('Saved', Draft), ...errors(400, 401, 403, 404, 409) },
    },
    delete: {
      tags,
      summary: 'Delete one of my drafts',
      requestParams: byId,
      responses: { 204: { description: 'Deleted' }, ...errors(400, 401, 403, 404) },
    },
  },
};
