// OpenAPI registration of each person's notification preferences.
import { z } from 'zod';
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { PreferencesPatch } from './schema.js';

const tags = ['Me'];
const Preferences = z.object({
  email: z.enum(['all', 'important', 'digest', 'none']),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  desktop: z.boolean(),
});

export const paths: OpenApiPaths = {
  '/api/me/preferences': {
    get: { tags, summary: 'My email, quiet hours and desktop choices', responses: { 200: ok('Preferences', Preferences), ...errors(401) } },
    patch: { tags, summary: 'Change any of them', requestBody: json(PreferencesPatch), responses: { 200: ok('Preferences', Preferences), ...errors(400, 401) } },
  },
};
