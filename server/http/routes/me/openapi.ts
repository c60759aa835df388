// OpenAPI registration of the signed-in user's own routes.
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { MePatch } from './index.js';

const tags = ['Me'];

export const paths: OpenApiPaths = {
  '/api/me': {
    get: { tags, summary: 'Who is signed in, with departments', responses: { 200: ok('The user'), ...errors(401) } },
    patch: { tags, summary: 'Change locale or time zone', requestBody: json(MePatch), responses: { 200: ok('The user'), ...errors(400, 401) } },
  },
};
