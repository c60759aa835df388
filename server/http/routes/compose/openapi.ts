// OpenAPI registration of the composer's helper routes.
import { z } from 'zod';
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { AudienceCountBody } from '../announcements/schema.js';

const tags = ['Announcements'];

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
};
