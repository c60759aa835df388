// OpenAPI registration of the admin routes (people, departments, import, audit), from the
// schemas the handlers parse with.
import { z } from 'zod';
import { errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { AuditQuery, CreateUserBody, DepartmentBody, ImportQuery, ListUsersQuery, PatchDepartmentBody, PatchUserBody } from './schema.js';

const byId = { path: z.object({ id: z.uuid() }) };
const people = ['People (admins)'];

export const paths: OpenApiPaths = {
  '/api/admin/users': {
    get: { tags: people, summary: 'Find users', requestParams: { query: ListUsersQuery }, responses: { 200: ok('{items, nextCursor}'), ...errors(400, 401, 403) } },
    post: { tags: people, summary: 'Create a user (invited by email without a password)', requestBody: json(CreateUserBody), responses: { 201: ok('The user'), ...errors(400, 401, 403, 409) } },
  },
  '/api/admin/users/{id}': {
    get: { tags: people, summary: 'One user', requestParams: byId, responses: { 200: ok('The user'), ...errors(401, 403, 404) } },
    patch: { tags: people, summary: 'Change a user (`active: false` deactivates at once)', requestParams: byId, requestBody: json(PatchUserBody), responses: { 200: ok('The user'), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/admin/users/{id}/invitation': {
    post: { tags: people, summary: 'Send the invitation email again', requestParams: byId, responses: { 200: ok('Sent'), 202: { description: 'Sent' }, ...errors(401, 403, 404, 409) } },
  },
  '/api/admin/users/import': {
    post: {
      tags: people,
      summary: 'Import users from CSV (all or nothing)',
      requestParams: { query: ImportQuery },
      requestBody: { content: { 'text/csv': { schema: z.string().meta({ description: 'Header row: email,name,role,departments,manager_of,locale,timezone' }) } } },
      responses: { 200: ok('{created, updated, unchanged, errors}'), ...errors(400, 401, 403, 422) },
    },
  },
  '/api/admin/departments': {
    get: { tags: people, summary: 'Departments with member counts', responses: { 200: ok('Departments'), ...errors(401, 403) } },
    post: { tags: people, summary: 'Create a department', requestBody: json(DepartmentBody), responses: { 201: ok('The department'), ...errors(400, 401, 403, 409) } },
  },
  '/api/admin/departments/{id}': {
    patch: { tags: people, summary: 'Change a department', requestParams: byId, requestBody: json(PatchDepartmentBody), responses: { 200: ok('The department'), ...errors(400, 401, 403, 404, 409) } },
  },
  '/api/admin/audit': {
    get: { tags: ['Audit (admins)'], summary: 'The audit log, newest first', requestParams: { query: AuditQuery }, responses: { 200: ok('{items, nextCursor}'), ...errors(400, 401, 403) } },
  },
};
