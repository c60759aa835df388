// SCIM `filter` → a Prisma `where`. The grammar (quoting, precedence, `and`/`or`/`not`, value
// paths) is parsed by scim2-parse-filter; turning the tree into a query is ours, because the
// library evaluates filters in memory against objects, and we must not load every person to
// find one. Only the attributes identity providers filter on are supported; anything else is
// a 400 invalidFilter that names the attribute.
import { parse, type Filter } from 'scim2-parse-filter';
import type { Prisma } from '../../db/client.js';
import { ScimError } from './errors.js';

type Where = Record<string, unknown>;
/** Matches nothing (a filter on something no Heraldo record can have). */
const NOTHING: Where = { id: { in: [] } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const bad = (detail: string) => new ScimError(400, 'invalidFilter', detail);

/** One attribute: how a comparison on it becomes a condition. */
type Column = (op: string, value: unknown) => Where;

/** `lowerCased`: the column is stored lower-case, so a case-insensitive match is an exact
 *  match on the lower-cased value, and uses the column's index. Only externalId may be empty. */
const text = (column: string, caseExact: boolean, lowerCased = false): Column => (op, raw) => {
  if (op === 'pr') return column === 'externalId' ? { externalId: { not: null } } : {};
  if (typeof raw !== 'string') throw bad(`Compare ${column} with a string`);
  const value = lowerCased ? raw.toLowerCase() : raw;
  const mode = caseExact || lowerCased ? {} : { mode: 'insensitive' as const };
  switch (op) {
    case 'eq': return { [column]: { equals: value, ...mode } };
    case 'ne': return { NOT: { [column]: { equals: value, ...mode } } };
    case 'co': return { [column]: { contains: value, ...mode } };
    case 'sw': return { [column]: { startsWith: value, ...mode } };
    case 'ew': return { [column]: { endsWith: value, ...mode } };
    default: throw bad(`The operator ${op} is not supported on this attribute`);
  }
};

const uuid: Column = (op, value) => {
  if (op === 'pr') return {};
  if (op !== 'eq' && op !== 'ne') throw bad('Compare id with eq or ne');
  const match = typeof value === 'string' && UUID.test(value) ? { id: value.toLowerCase() } : NOTHING;
  return op === 'eq' ? match : { NOT: match };
};

const bool = (column: string): Column => (op, value) => {
  if (op === 'pr') return {};
  const b = typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
  if ((op !== 'eq' && op !== 'ne') || typeof b !== 'boolean') throw bad(`Compare ${column} with eq true or eq false`);
  return { [column]: op === 'eq' ? b : !b };
};

/** Attribute names are case-insensitive in SCIM; keys here are lower-case. */
const USER_COLUMNS: Record<string, Column> = {
  id: uuid,
  // userName is the email, stored lower-case; SCIM says userName is not case-exact.
  username: text('email', false, true),
  'emails.value': text('email', false, true),
  emails: text('email', false, true),
  externalid: text('externalId', true),
  displayname: text('name', false),
  'name.formatted': text('name', false),
  active: bool('active'),
};

/** Inside emails[…]: every person has exactly one address, their primary work one. */
const constant = (attr: string, holds: (value: unknown) => boolean): Column => (op, value) => {
  if (op !== 'eq') throw bad(`Compare emails.${attr} with eq`);
  return holds(value) ? {} : NOTHING;
};
const EMAIL_ITEM: Record<string, Column> = {
  value: text('email', false, true),
  type: constant('type', (v) => typeof v === 'string' && v.toLowerCase() === 'work'),
  primary: constant('primary', (v) => v === true),
};

const GROUP_COLUMNS: Record<string, Column> = {
  id: uuid,
  displayname: text('name', false),
  // A department's slug is its externalId.
  externalid: text('slug', true),
};

/** The core schema URN may prefix an attribute (`urn:…:core:2.0:User:userName`). */
const attribute = (path: string) => path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '').toLowerCase();

function toWhere(f: Filter, columns: Record<string, Column>): Where {
  switch (f.op) {
    case 'and': return { AND: f.filters.map((x) => toWhere(x, columns)) };
    case 'or': return { OR: f.filters.map((x) => toWhere(x, columns)) };
    case 'not': return { NOT: toWhere(f.filter, columns) };
    case '[]': {
      const item = columns === USER_COLUMNS && attribute(f.attrPath) === 'emails' ? EMAIL_ITEM : undefined;
      if (!item) throw bad(`Filtering inside ${f.attrPath}[…] is not supported`);
      return toWhere(f.valFilter, item);
    }
    default: {
      const column = columns[attribute(f.attrPath)];
      if (!column) throw bad(`Filtering on ${f.attrPath} is not supported`);
      return column(f.op, 'compValue' in f ? f.compValue : undefined);
    }
  }
}

function parseFilter(filter: string): Filter {
  if (filter.length > 1000) throw bad('The filter is too long');
  try {
    return parse(filter);
  } catch (err) {
    throw bad(`The filter cannot be parsed: ${(err as Error).message}`);
  }
}

export function userWhere(filter: string | undefined): Prisma.UserWhereInput {
  return filter === undefined ? {} : (toWhere(parseFilter(filter), USER_COLUMNS) as Prisma.UserWhereInput);
}

export function groupWhere(filter: string | undefined): Prisma.DepartmentWhereInput {
  return filter === undefined ? {} : (toWhere(parseFilter(filter), GROUP_COLUMNS) as Prisma.DepartmentWhereInput);
}
