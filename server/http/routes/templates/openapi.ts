// OpenAPI registration of the channel previews, from the schema the handler parses with.
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { PreviewInput } from './schema.js';

const tags = ['Composer'];
const responses = { 200: ok('The rendered email or Slack message'), ...errors(400, 401, 403) };

export const paths: OpenApiPaths = {
  '/api/templates/preview': {
    get: { tags, summary: 'Preview a draft on a channel (from the query string)', requestParams: { query: PreviewInput }, responses },
    post: { tags, summary: 'Preview a draft on a channel', requestBody: json(PreviewInput), responses },
  },
};
