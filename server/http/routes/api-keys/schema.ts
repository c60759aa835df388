import { z } from 'zod';
import { API_KEY_SCOPES } from '../../../integrations/api-keys.js';
import { NUL_MESSAGE, storable } from '../text.js';

export const CreateApiKeyBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the key a name (it is shown as the author of what it publishes)')
      .max(100, 'At most 100 characters')
      .refine(storable, NUL_MESSAGE),
    scopes: z
      .array(z.enum(API_KEY_SCOPES, { error: `Each scope is one of: ${API_KEY_SCOPES.join(', ')}` }))
      .min(1, 'Choose at least one scope'),
    departmentIds: z.array(z.uuid('Not a department id')).max(200).default([]),
  })
  .meta({ id: 'CreateApiKey' });

export const ApiKeyId = z.uuid('Not an API key id');
