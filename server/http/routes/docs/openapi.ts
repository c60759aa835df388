// OpenAPI registration of the document itself and its viewer.
import { PUBLIC, ok, type OpenApiPaths } from '../../openapi/common.js';

const tags = ['Documentation'];

export const paths: OpenApiPaths = {
  '/api/openapi.json': { get: { tags, ...PUBLIC, summary: 'This OpenAPI 3.1 document', responses: { 200: ok('OpenAPI 3.1') } } },
  '/api/docs': { get: { tags, ...PUBLIC, summary: 'This document, rendered (Swagger UI, served locally)', responses: { 200: { description: 'HTML', content: { 'text/html': {} } } } } },
  '/api/docs/init.js': { get: { tags, ...PUBLIC, summary: 'The viewer\'s start-up script', responses: { 200: { description: 'JavaScript', content: { 'text/javascript': {} } } } } },
};
