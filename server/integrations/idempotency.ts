// Idempotency-Key: a client that retries a write after losing the answer gets the first
// answer again instead of a second announcement.
//
// The record lives in Postgres, one row per (caller, key), so every api node sees the same
// thing. A request claims its key with INSERT … ON CONFLICT DO NOTHING: of two racing
// requests, on any nodes, exactly one inserts the row. The winner stores its answer in the
// same transaction as the announcement it created, so "published" and "answer remembered"
// commit together: a crash in between leaves neither.
//
// Only a committed publish is remembered. A request that fails (refused, invalid, or a
// server error) releases its claim, so the client may fix its request, or simply retry,
// with the same key. A claim whose request died without releasing it (the process was
// killed) is taken over after ABANDONED_MS; the taker gets a fresh claim id, so the old
// request, should it still be running, cannot store its answer and rolls back.
import { createHash, randomUUID } from 'node:crypto';
import { Prisma, type Db } from '../db/client.js';
import { IntegrationError } from './errors.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';
const TTL_MS = 24 * 60 * 60 * 1000;
/** Far longer than any publish takes (its transaction times out after seconds). */
const ABANDONED_MS = 60_000;
const SWEEP_EVERY_MS = 10 * 60_000;
/** 1 to 255 printable ASCII characters (the route's schema checks the header with it). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;

export type IdempotencyScope = `user:${string}` | `apiKey:${string}`;

export type Claim =
  /** This request runs: finish with `completeIdempotency` in its transaction, or `releaseIdempotency`. */
  | { kind: 'claimed'; id: string }
  /** Done before: answer this again. */
  | { kind: 'replay'; status: number; body: unknown };

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` are the same body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/**
 * Claims `key` for this request, or tells what to answer instead: the stored answer
 * (replay), 422 `idempotency_key_reused` for another body, 409 `idempotency_key_in_use`
 * while the first request is still running.
 */
export async function claimIdempotency(db: Db, scope: IdempotencyScope, key: string, hash: string): Promise<Claim> {
  maybeSweep(db);
  // A few rounds at most: each lost round means another request changed the row meanwhile.
  for (let round = 0; round < 5; round++) {
    const id = randomUUID();
    const now = new Date();
    const { count } = await db.idempotencyRecord.createMany({
      data: [{ id, scope, key, requestHash: hash, createdAt: now, expiresAt: new Date(now.getTime() + TTL_MS) }],
      skipDuplicates: true, // INSERT … ON CONFLICT DO NOTHING
    });
    if (count === 1) return { kind: 'claimed', id };

    const existing = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
    if (!existing) continue; // released in between: try to insert again
    const expired = existing.expiresAt <= now;
    const abandoned = existing.responseStatus === null && existing.createdAt.getTime() < now.getTime() - ABANDONED_MS;
    if (expired || abandoned) {
      // Replace it only if it is still the row we judged (another request may be doing the same).
      const taken = await db.idempotencyRecord.updateMany({
        where: { id: existing.id, createdAt: existing.createdAt },
        data: { id, requestHash: hash, responseStatus: null, responseBody: Prisma.DbNull, createdAt: now, expiresAt: new Date(now.getTime() + TTL_MS) },
      });
      if (taken.count === 1) return { kind: 'claimed', id };
      continue;
    }
    if (existing.requestHash !== hash) {
      throw new IntegrationError('idempotency_key_reused', 'This Idempotency-Key was used with another request body; use a new key for a new request');
    }
    if (existing.responseStatus === null) {
      throw new IntegrationError('idempotency_key_in_use', 'A request with this Idempotency-Key is still running; retry shortly');
    }
    return { kind: 'replay', status: existing.responseStatus, body: existing.responseBody };
  }
  throw new IntegrationError('idempotency_key_in_use', 'A request with this Idempotency-Key is still running; retry shortly');
}

/** Stores the answer; call it inside the transaction of the change it answers for. If the
 *  claim was taken over meanwhile, this throws, and the transaction rolls back. */
export async function completeIdempotency(tx: Db, claim: { id: string }, status: number, body: Prisma.InputJsonValue): Promise<void> {
  const { count } = await tx.idempotencyRecord.updateMany({
    where: { id: claim.id, responseStatus: null },
    data: { responseStatus: status, responseBody: body },
  });
  if (count !== 1) throw new IntegrationError('idempotency_key_in_use', 'A retry with this Idempotency-Key took over; retry to get its answer');
}

/** Gives the key back after a failed request, so that a retry runs afresh. */
export async function releaseIdempotency(db: Db, claim: { id: string }): Promise<void> {
  await db.idempotencyRecord.deleteMany({ where: { id: claim.id, responseStatus: null } });
}

/** Deletes records past their 24 hours (claims ignore them anyway; this keeps the table small). */
export async function sweepIdempotencyRecords(db: Db): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return count;
}

let lastSweep = 0;
function maybeSweep(db: Db): void {
  if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = Date.now();
  // In the background: a failed sweep costs nothing but a later one.
  sweepIdempotencyRecords(db).catch(() => {});
}
