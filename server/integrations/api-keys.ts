// API keys: how other systems (monitoring, HR, finance, the identity provider's SCIM client)
// call Heraldo. A key is `hk_` + 32 random bytes (base64url), shown once when created; only
// its SHA-256 is stored, with a short prefix so people can tell keys apart. A key carries
// scopes and, optionally, the departments it may address.
import { createHash, randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../audit/audit.js';
import type { Db } from '../db/client.js';
import { API_KEY_SCOPES, type ApiKey, type ApiKeyScope, type CreatedApiKey } from '../wire/index.js';

// The scopes are wire words: the web's API keys page offers the same ones.
export { API_KEY_SCOPES, type ApiKeyScope } from '../wire/index.js';
export const API_KEY_PREFIX = 'hk_';

/** The caller behind a valid key, as routes see it (`req.apiKey`). */
export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  /** Empty: any department, and "all"; else only these. */
  departmentIds: string[];
}

/** Writing `lastUsedAt` on every request would turn each read into a write; once a minute
 *  per key tells people what they need ("is this key still in use?"). */
const LAST_USED_GRANULARITY_MS = 60_000;
/** `hk_` + 43 base64url characters; anything much longer is not one of ours. */
const MAX_KEY_LENGTH = 100;

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export const looksLikeApiKey = (token: string) => token.startsWith(API_KEY_PREFIX);

const asScopes = (scopes: string[]) => scopes.filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s));

/** The key behind a bearer token, or null when it is unknown or revoked. */
export async function authenticateApiKey(db: Db, token: string): Promise<ApiKeyPrincipal | null> {
  if (!looksLikeApiKey(token) || token.length > MAX_KEY_LENGTH) return null;
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashKey(token) },
    select: { id: true, name: true, scopes: true, departmentIds: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    // Conditional, so that several api nodes seeing the same key write it once.
    await db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_GRANULARITY_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    });
  }
  return { id: key.id, name: key.name, scopes: asScopes(key.scopes), departmentIds: key.departmentIds };
}

export const hasScope = (key: Pick<ApiKeyPrincipal, 'scopes'>, scope: ApiKeyScope) => key.scopes.includes(scope);

/**
 * Why `key` may not address `audience`, or null when it may. A key limited to departments
 * may target only those, never everyone.
 */
export function keyAudienceDenial(
  key: Pick<ApiKeyPrincipal, 'departmentIds'>,
  audience: { type: 'all' } | { type: 'departments'; departmentIds: string[] },
): string | null {
  if (key.departmentIds.length === 0) return null;
  if (audience.type === 'all') return 'This API key may send only to its departments, not to everyone';
  const allowed = new Set(key.departmentIds);
  return audience.departmentIds.every((id) => allowed.has(id)) ? null : 'This API key may send only to its departments';
}

export interface NewApiKey {
  name: string;
  scopes: ApiKeyScope[];
  departmentIds: string[];
}

const listSelect = {
  id: true, name: true, keyPrefix: true, scopes: true, departmentIds: true,
  createdAt: true, lastUsedAt: true, revokedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

/** Creates a key; the returned `key` is the only time anyone sees it. Run in a transaction:
 *  the key and its audit record commit together. */
export async function createApiKey(tx: Db, actor: Actor, input: NewApiKey): Promise<CreatedApiKey> {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const scopes = [...new Set(input.scopes)];
  const departmentIds = [...new Set(input.departmentIds)];
  const row = await tx.apiKey.create({
    data: {
      name: input.name,
      keyPrefix: key.slice(0, 10),
      keyHash: hashKey(key),
      scopes,
      departmentIds,
      createdById: actor.type === 'user' ? actor.id : null,
    },
    select: listSelect,
  });
  await recordAudit(tx, actor, 'apiKey.create', { type: 'apiKey', id: row.id }, { name: row.name, scopes, departmentIds });
  return { ...view(row), key };
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  const rows = await db.apiKey.findMany({ select: listSelect, orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }] });
  return rows.map(view);
}

/**
 * Revokes a key at once: the next request with it answers 401. Null when there is no such
 * key; revoking a revoked key changes nothing and records nothing.
 */
export async function revokeApiKey(tx: Db, actor: Actor, id: string): Promise<ApiKey | null> {
  const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  const row = await tx.apiKey.findUnique({ where: { id }, select: listSelect });
  if (!row) return null;
  if (count === 1) await recordAudit(tx, actor, 'apiKey.revoke', { type: 'apiKey', id }, { name: row.name });
  return view(row);
}

/** A key as the admin API shows it: dates as ISO text, as JSON writes them. */
function view(row: {
  id: string; name: string; keyPrefix: string; scopes: string[]; departmentIds: string[];
  createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null; createdBy: { id: string; name: string } | null;
}): ApiKey {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    scopes: asScopes(row.scopes),
    departmentIds: row.departmentIds,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdBy: row.createdBy,
  };
}
