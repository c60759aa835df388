// SCIM PATCH (RFC 7644 §3.5.2). The semantics of `add` / `replace` / `remove` on paths such
// as `name.givenName`, `emails[type eq "work"].value` or no path with a value object are the
// `scim-patch` library's: we apply the operations to the resource as we show it, then write
// what changed. What the library does not cover is done here: operation names in any case
// (Entra ID sends "Replace"; the RFC's are lower-case), and a Group's members (see groups.ts).
import { ScimError as PatchLibraryError, scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { z } from 'zod';
import { ScimError } from './errors.js';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const PatchBody = z.looseObject({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z.looseObject({
        op: z.string().transform((op) => op.toLowerCase()).pipe(z.enum(['add', 'replace', 'remove'], 'op must be add, replace or remove')),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1, 'Operations must list at least one operation')
    .max(1000),
});
export type PatchOperation = z.infer<typeof PatchBody>['Operations'][number];

/** Applies the operations to a copy of `resource`. Read-only attributes come back as they were. */
export function applyPatch<T extends { id: string; meta: object; schemas: string[] }>(resource: T, operations: PatchOperation[]): Record<string, unknown> {
  for (const op of operations) {
    if (op.op === 'remove' && !op.path) throw new ScimError(400, 'noTarget', 'A remove operation needs a path');
    if (op.op !== 'remove' && !('value' in op)) throw new ScimError(400, 'invalidValue', `An ${op.op} operation needs a value`);
    // The library would replace the whole resource with a bare value.
    if (!op.path && (typeof op.value !== 'object' || op.value === null || Array.isArray(op.value))) {
      throw new ScimError(400, 'invalidValue', 'Without a path, the value must be an object of attributes');
    }
  }
  let patched: unknown;
  try {
    patched = scimPatch(structuredClone(resource) as unknown as ScimResource, operations as ScimPatchOperation[], { mutateDocument: true, treatMissingAsAdd: true });
  } catch (err) {
    if (err instanceof PatchLibraryError) throw err;
    // Anything else the library trips on is an operation that does not fit the resource
    // (a path through a string, say): the request's fault, not a server error.
    throw new ScimError(400, 'invalidValue', `The operations do not apply to this resource: ${(err as Error).message}`);
  }
  return { ...(patched as Record<string, unknown>), id: resource.id, meta: resource.meta, schemas: resource.schemas };
}
