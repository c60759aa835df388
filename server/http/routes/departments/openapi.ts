// OpenAPI registration of the department list (people and API keys).
import { z } from 'zod';
import { errors, ok, type OpenApiPaths } from '../../openapi/common.js';

export const paths: OpenApiPaths = {
  '/api/departments': {
    get: {
      tags: ['Departments'],
      summary: 'Every department (signed-in people and API keys)',
      responses: { 200: ok('By slug', z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() }))), ...errors(401) },
    },
  },
};
