// What this SCIM service supports, for clients that ask (RFC 7644 §4): its configuration,
// its two resource types and their schemas, listing only the attributes Heraldo keeps.
import { GROUP_SCHEMA } from './groups.js';
import { USER_SCHEMA } from './users.js';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** The most resources one list answer holds (`count` above it is lowered to it). */
export const MAX_RESULTS = 200;

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC_SCHEMA],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'API key',
        description: 'Authorization: Bearer hk_… — a Heraldo API key with the scope "scim"',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string) {
  return [
    { schemas: [RESOURCE_TYPE_SCHEMA], id: 'User', name: 'User', endpoint: '/Users', description: 'A person', schema: USER_SCHEMA, meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` } },
    { schemas: [RESOURCE_TYPE_SCHEMA], id: 'Group', name: 'Group', endpoint: '/Groups', description: 'A department', schema: GROUP_SCHEMA, meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` } },
  ];
}

type Attr = {
  name: string; type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime'; multiValued?: boolean; required?: boolean;
  caseExact?: boolean; mutability?: 'readOnly' | 'readWrite' | 'immutable'; uniqueness?: 'none' | 'server'; description: string;
  subAttributes?: object[];
};

const attr = (a: Attr): object => ({ multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...a });

const USER_ATTRIBUTES = [
  attr({ name: 'userName', type: 'string', required: true, uniqueness: 'server', description: 'The email address; matched case-insensitively' }),
  attr({ name: 'externalId', type: 'string', caseExact: true, uniqueness: 'server', description: "The identity provider's id" }),
  attr({
    name: 'name', type: 'complex', description: 'Heraldo keeps one name; the parts are derived from it', subAttributes: [
      attr({ name: 'formatted', type: 'string', description: 'The whole name' }),
      attr({ name: 'givenName', type: 'string', description: 'The name up to its first space' }),
      attr({ name: 'familyName', type: 'string', description: 'The name after its first space' }),
    ],
  }),
  attr({ name: 'displayName', type: 'string', description: 'The name shown in Heraldo' }),
  attr({
    name: 'emails', type: 'complex', multiValued: true, description: 'One work address, the same as userName', subAttributes: [
      attr({ name: 'value', type: 'string', description: 'The address' }),
      attr({ name: 'type', type: 'string', description: 'Always "work"' }),
      attr({ name: 'primary', type: 'boolean', description: 'Always true' }),
    ],
  }),
  attr({ name: 'active', type: 'boolean', description: 'false deactivates: sessions end, sockets close, no more announcements' }),
  attr({ name: 'locale', type: 'string', description: 'en or es (other languages are ignored)' }),
  attr({ name: 'preferredLanguage', type: 'string', description: 'Same as locale' }),
  attr({ name: 'timezone', type: 'string', description: 'An IANA time zone, e.g. Europe/Madrid' }),
  attr({
    name: 'groups', type: 'complex', multiValued: true, mutability: 'readOnly', description: 'Departments (change them through Groups)', subAttributes: [
      attr({ name: 'value', type: 'string', mutability: 'readOnly', description: 'Group id' }),
      attr({ name: 'display', type: 'string', mutability: 'readOnly', description: 'Department name' }),
    ],
  }),
];

const GROUP_ATTRIBUTES = [
  attr({ name: 'displayName', type: 'string', required: true, description: 'The department name' }),
  attr({ name: 'externalId', type: 'string', caseExact: true, uniqueness: 'server', description: 'The department slug (derived from displayName when not given)' }),
  attr({
    name: 'members', type: 'complex', multiValued: true, description: 'People in the department', subAttributes: [
      attr({ name: 'value', type: 'string', mutability: 'immutable', description: 'User id' }),
      attr({ name: 'display', type: 'string', mutability: 'readOnly', description: 'Name' }),
    ],
  }),
];

export function schemas(base: string) {
  const schema = (id: string, name: string, description: string, attributes: unknown[]) => ({
    schemas: [SCHEMA_SCHEMA], id, name, description, attributes, meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  });
  return [schema(USER_SCHEMA, 'User', 'A person', USER_ATTRIBUTES), schema(GROUP_SCHEMA, 'Group', 'A department', GROUP_ATTRIBUTES)];
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
