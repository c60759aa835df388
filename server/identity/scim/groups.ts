// A department as a SCIM Group (RFC 7643 §4.2): displayName is its name, externalId its slug,
// members the people in it. And the members operations of a Group PATCH.
import { parse, type Filter } from 'scim2-parse-filter';
import { z } from 'zod';
import { SLUG } from '../../people/index.js';
import { ScimError, invalidValue } from './errors.js';
import type { PatchOperation } from './patch.js';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Member = z.looseObject({ value: z.string().max(100), display: z.string().nullish() });
export const GroupBody = z.looseObject({
  displayName: z.string().min(1, 'displayName is required').max(200),
  externalId: z.string().max(255).nullish(),
  members: z.array(Member).max(100_000).nullish(),
});
export type GroupBody = z.infer<typeof GroupBody>;

export interface GroupRecord {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  /** Omitted when the client asked for `excludedAttributes=members`. */
  members?: { id: string; name: string }[];
}

export function toScimGroup(d: GroupRecord, base: string) {
  return {
    schemas: [GROUP_SCHEMA],
    id: d.id,
    externalId: d.slug,
    displayName: d.name,
    ...(d.members ? { members: d.members.map((m) => ({ value: m.id, display: m.name, $ref: `${base}/Users/${m.id}` })) } : {}),
    meta: { resourceType: 'Group', created: d.createdAt.toISOString(), location: `${base}/Groups/${d.id}` },
  };
}

/** "Human Resources (EMEA)" → "human-resources-emea"; a valid slug, or null if nothing is left. */
export function slugify(text: string): string | null {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return SLUG.test(slug) ? slug : null;
}

/** The slug a Group's externalId asks for: itself when valid, else made valid. */
export function slugFromExternalId(externalId: string): string {
  const slug = SLUG.test(externalId) ? externalId : slugify(externalId);
  if (!slug) throw invalidValue('externalId must contain letters or digits (it becomes the department slug)');
  return slug;
}

/** User ids of `members`, checked to be ids at all (a bad one is the client's error, not ours). */
export function memberIds(members: { value: string }[]): string[] {
  const bad = members.find((m) => !UUID.test(m.value));
  if (bad) throw invalidValue(`members: ${JSON.stringify(bad.value)} is not a user id`);
  return [...new Set(members.map((m) => m.value.toLowerCase()))];
}

/** What the members operations of one PATCH do, in order. */
export type MemberChange = { kind: 'add' | 'remove' | 'set'; userIds: string[] };

const valueList = (value: unknown): { value: string }[] => {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return z.array(Member).parse(list);
};

/** `members[value eq "<id>"]` → the id (what Entra ID and Okta send to remove one member). */
function memberFilterIds(path: string): string[] {
  let f: Filter;
  try {
    f = parse(path.slice(path.indexOf('[') + 1, path.lastIndexOf(']')));
  } catch (err) {
    throw new ScimError(400, 'invalidFilter', `members[…]: ${(err as Error).message}`);
  }
  const ids = (g: Filter): string[] => {
    if (g.op === 'eq' && g.attrPath.toLowerCase() === 'value' && typeof g.compValue === 'string') return [g.compValue];
    if (g.op === 'or') return g.filters.flatMap(ids);
    throw new ScimError(400, 'invalidFilter', 'Filter members[…] with value eq "<id>"');
  };
  return memberIds(ids(f).map((value) => ({ value })));
}

/**
 * Splits a Group PATCH into its members changes and the rest. Members are changed directly
 * (add these, remove those), not by patching the whole list in memory: a department may have
 * tens of thousands of people, and Entra ID and Okta send one member at a time.
 */
export function splitGroupPatch(operations: PatchOperation[]): { members: MemberChange[]; others: PatchOperation[] } {
  const members: MemberChange[] = [];
  const others: PatchOperation[] = [];
  for (const op of operations) {
    const path = op.path?.trim();
    const lower = path?.toLowerCase();
    if (lower === 'members') {
      const ids = memberIds(valueList(op.value));
      // remove with no value: every member (RFC 7644 §3.5.2.2); with a value: those.
      if (op.op === 'remove') members.push(op.value === undefined ? { kind: 'set', userIds: [] } : { kind: 'remove', userIds: ids });
      else members.push({ kind: op.op === 'add' ? 'add' : 'set', userIds: ids });
    } else if (lower?.startsWith('members[')) {
      if (op.op !== 'remove') throw new ScimError(400, 'invalidPath', 'Use add on path "members" to add members');
      members.push({ kind: 'remove', userIds: memberFilterIds(path!) });
    } else if (!path && op.value && typeof op.value === 'object' && 'members' in op.value) {
      // Okta-style value object: {"op": "replace", "value": {"displayName": …, "members": […]}}
      const { members: list, ...rest } = op.value as Record<string, unknown>;
      members.push({ kind: op.op === 'add' ? 'add' : 'set', userIds: memberIds(valueList(list)) });
      if (Object.keys(rest).length) others.push({ ...op, value: rest });
    } else {
      others.push(op);
    }
  }
  return { members, others };
}
