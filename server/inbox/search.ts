// Inbox search: Postgres full-text over title and body, in English and Spanish word forms.
// The document expression is, to the character, the one of index "Announcement_search_idx"
// (migration 20261129234821): Postgres uses an expression index only for that very expression.
import { Prisma } from '../db/client.js';

/** The indexed document of an announcement `a`. */
const DOCUMENT = Prisma.sql`(to_tsvector('english'::regconfig, a.title || ' ' || a.body) || to_tsvector('spanish'::regconfig, a.title || ' ' || a.body))`;

/**
 * The words as a query in both languages, either matching: "running" finds "runs" through the
 * English stems, "correr" finds "corriendo" through the Spanish ones. websearch_to_tsquery
 * takes what people type (quotes for phrases, `-word` to leave out, `or`) and never fails on
 * punctuation.
 */
export function searchCondition(q: string): Prisma.Sql {
  return Prisma.sql`${DOCUMENT} @@ (websearch_to_tsquery('english'::regconfig, ${q}) || websearch_to_tsquery('spanish'::regconfig, ${q}))`;
}
