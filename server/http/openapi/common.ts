// Pieces every route module's OpenAPI registration (routes/<r>/openapi.ts) shares: the error
// body, the usual refusals, JSON helpers. Request schemas are never written here: each route
// registers the very zod schema its handler parses with.
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from 'zod-openapi';

export type { ZodOpenApiPathsObject as OpenApiPaths };
export type Operation = ZodOpenApiOperationObject;

/** Every error leaves in this shape (server/http/errors.ts). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({ description: 'The invalid fields, by path (e.g. `audience.departmentIds`), with what is wrong' }),
    }),
  })
  .meta({ id: 'Error' });

const REFUSALS = {
  400: 'Invalid input: `error.fields` names each invalid field',
  401: 'Not signed in, or an unknown or revoked API key',
  403: 'Not allowed for this user or key',
  404: 'No such resource (or not visible to this caller)',
  409: 'Conflicts with the current state',
  422: 'Cannot be processed as sent',
  429: 'Too many requests; see Retry-After',
} as const;
export type RefusalStatus = keyof typeof REFUSALS;

export const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

/** `responses` for the given refusals, described once. */
export function errors(...statuses: RefusalStatus[]): ZodOpenApiResponsesObject {
  return Object.fromEntries(statuses.map((s) => [String(s), { description: REFUSALS[s], ...json(ErrorBody) }]));
}

/** A success answer with a JSON body. */
export const ok = (description: string, schema: z.ZodType = z.unknown()) => ({ description, ...json(schema) });

/** Routes open to anyone need no credentials. */
export const PUBLIC = { security: [] };

/** Express `:param` → OpenAPI `{param}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
