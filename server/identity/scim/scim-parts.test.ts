import { describe, expect, it } from 'vitest';
import { groupWhere, userWhere } from './filter.js';
import { slugify, splitGroupPatch } from './groups.js';
import { PatchBody } from './patch.js';

const ID = '6f1b1c52-6c1e-4d38-9d6b-0d7f1f0a8c11';
const ops = (...Operations: unknown[]) => PatchBody.parse({ Operations }).Operations;

describe('SCIM filters as queries', () => {
  it('matches userName on the lower-cased email column, and the other attributes identity providers use', () => {
    expect(userWhere('userName eq "Ana@Example.COM"')).toEqual({ email: { equals: 'ana@example.com' } });
    expect(userWhere('emails[type eq "work"].value eq "a@x.io"')).toEqual({ AND: [{}, { email: { equals: 'a@x.io' } }] });
    expect(userWhere('emails[type eq "home"]')).toEqual({ id: { in: [] } });
    expect(userWhere('externalId eq "E-1" and active eq "False"')).toEqual({ AND: [{ externalId: { equals: 'E-1' } }, { active: false }] });
    expect(userWhere(`id eq "${ID.toUpperCase()}"`)).toEqual({ id: ID });
    expect(groupWhere('displayName eq "IT"')).toEqual({ name: { equals: 'IT', mode: 'insensitive' } });
    expect(groupWhere('externalId pr')).toEqual({});
  });

  it('refuses what it cannot express with invalidFilter', () => {
    for (const f of ['userName eq', 'title eq "x"', 'members[value eq "x"]', 'active gt true', 'x'.repeat(1001)]) {
      expect(() => userWhere(f), f).toThrow(expect.objectContaining({ status: 400, scimType: 'invalidFilter' }));
    }
  });
});

describe('Groups', () => {
  it('derive valid slugs from names', () => {
    expect(slugify('Human Resources (EMEA)')).toBe('human-resources-emea');
    expect(slugify('Comunicación & Prensa')).toBe('comunicacion-prensa');
    expect(slugify('  --Ops--  ')).toBe('ops');
    expect(slugify('経理')).toBeNull();
    expect(slugify('a'.repeat(60))).toHaveLength(40);
  });

  it('split a PATCH into member changes (Entra, Okta forms) and the rest', () => {
    const { members, others } = splitGroupPatch(ops(
      { op: 'Add', path: 'members', value: [{ $ref: null, value: ID }] },
      { op: 'Remove', path: 'members', value: [{ value: ID }] },
      { op: 'remove', path: `members[value eq "${ID}"]` },
      { op: 'replace', value: { displayName: 'New', members: [{ value: ID }] } },
      { op: 'Replace', path: 'displayName', value: 'Newer' },
      { op: 'remove', path: 'members' },
    ));
    expect(members).toEqual([
      { kind: 'add', userIds: [ID] }, { kind: 'remove', userIds: [ID] }, { kind: 'remove', userIds: [ID] },
      { kind: 'set', userIds: [ID] }, { kind: 'set', userIds: [] },
    ]);
    expect(others).toEqual([{ op: 'replace', value: { displayName: 'New' } }, { op: 'replace', path: 'displayName', value: 'Newer' }]);
    expect(() => splitGroupPatch(ops({ op: 'add', path: 'members', value: [{ value: 'not-an-id' }] }))).toThrow(expect.objectContaining({ scimType: 'invalidValue' }));
  });
});
