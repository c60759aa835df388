// OpenAPI registration of the API key routes, from the schemas the handlers parse with.
import { z } from 'zod';
import { errors, ok, json, type OpenApiPaths } from '../../openapi/common.js';
import { ApiKeyId, CreateApiKeyBody } from './schema.js';

const ApiKeyView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    keyPrefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
    scopes: z.array(z.enum(['announcements:write', 'scim'])),
    departmentIds: z.array(z.uuid()).meta({ description: 'Empty: any department, and everyone' }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'Updated at most once a minute' }),
    revokedAt: z.iso.datetime().nullable(),
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  })
  .meta({ id: 'ApiKey' });

const tags = ['API keys'];

export const paths: OpenApiPaths = {
  '/api/admin/api-keys': {
    post: {
      tags,
      summary: 'Create an API key (admins)',
      description: 'The key (`hk_…`) is in this answer only; Heraldo stores its SHA-256. Audited as `apiKey.create`.',
      requestBody: json(CreateApiKeyBody),
      responses: { 201: ok('Created; `key` is shown this once', ApiKeyView.extend({ key: z.string().meta({ example: 'hk_…' }) })), ...errors(400, 401, 403) },
    },
    get: {
      tags,
      summary: 'List API keys, without the keys (admins)',
      responses: { 200: ok('Every key, active ones first', z.array(ApiKeyView)), ...errors(401, 403) },
    },
  },
  '/api/admin/api-keys/{id}': {
    delete: {
      tags,
      summary: 'Revoke an API key at once (admins)',
      description: 'The next request with the key answers 401. Revoking a revoked key changes nothing. Audited as `apiKey.revoke`.',
      requestParams: { path: z.object({ id: ApiKeyId }) },
      responses: { 200: ok('Revoked', ApiKeyView), ...errors(400, 401, 403, 404) },
    },
  },
};
