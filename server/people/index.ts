// People and departments: what admins (server/http/routes/admin) and the identity provider's
// SCIM client (server/identity) may do to them. Everything that writes takes a transaction
// (`Db`) and an Actor (server/audit), and records its audit event in that transaction.
// Errors are PeopleError (errors.ts): code conflict | last_admin | not_found |
// validation_failed | invalid_token, with `fields` naming the field.
//
// For SCIM (pass scimActor(key) as the actor):
//   findUserByEmail(db, email)           userName lookups; emails are stored lower-case
//   findUserByExternalId(db, id), getUser(db, id), listUsers(db, {query, limit, cursor…})
//   createUser(tx, actor, {email, name, role?, departments?, locale?, timezone?,
//              externalId?, active?, invite?: false})   → UserWrite; conflict → 409 uniqueness
//   updateUser(tx, actor, id, {email?, name?, role?, departments?, locale?, timezone?,
//              active?, externalId?})   → UserWrite; `active: false` deactivates (and revokes
//              sessions; last_admin when it is the last active admin); DELETE = active: false
//   afterUserWrite(ctx, write)          call AFTER the transaction committed: closes the
//              deactivated person's sockets on every api node, queues an invitation
//   normalizeLocale('es-MX') → 'es'     SCIM locales to ours (null: unsupported)
//   Groups = departments: listDepartments, getDepartment, findDepartmentBySlug (externalId
//   = slug), createDepartment(tx, actor, {slug, name, slackChannelId?}),
//   updateDepartment(tx, actor, id, {slug?, name?, slackChannelId?}),
//   addMembers / removeMembers / setMembers(tx, actor, departmentId, userIds)
export { ensureAnotherAdmin, lockActiveAdmins } from './admins.js';
export {
  addMembers, createDepartment, findDepartmentBySlug, getDepartment, listDepartments, removeMembers, setMembers, updateDepartment,
  type DepartmentPatch, type NewDepartment,
} from './departments.js';
export { afterImport, afterUserWrite, closeUserSockets } from './effects.js';
export { PeopleError, type PeopleErrorCode } from './errors.js';
export { MIN_PASSWORD, ROLES, SLUG, normalizeEmail, normalizeLocale, normalizeName, type RoleName } from './fields.js';
export { importUsers, type ImportRun } from './import/index.js';
export { TOKEN_TTL_MS, setPasswordWithToken, type Invitation } from './invitations.js';
export { listUsers, type UserQuery } from './list.js';
export { createUser, inviteUser, updateUser, type DepartmentRef, type NewUser, type UserPatch, type UserWrite } from './users.js';
export { findUserByEmail, findUserByExternalId, getUser, toAdminUser, type DepartmentView, type UserView } from './views.js';
