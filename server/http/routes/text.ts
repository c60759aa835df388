// Text fields every route schema shares. Postgres text cannot hold the NUL character: it is
// refused as invalid input (400 naming the field) rather than failing in the query or insert.
import { z } from 'zod';

export const NUL_MESSAGE = 'Contains a NUL character (\\u0000)';
export const storable = (s: string) => !s.includes('\u0000');

/** `q`: words to search for; blank means no search. */
export const SearchWords = z
  .string('Give the words to search for once')
  .max(200, 'At most 200 characters')
  .refine(storable, NUL_MESSAGE)
  .transform((s) => s.trim() || undefined)
  .optional();
