// SCIM 2.0 (RFC 7643/7644) at /scim/v2, for identity providers (Entra ID, Okta, …) that create,
// change and deactivate people and departments. Callers use an API key with the scope `scim`.
// Every answer, errors included, is application/scim+json in SCIM's own shapes.
import express, { Router, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { Context } from '../../../context.js';
import { listResponse, resourceTypes, schemas, serviceProviderConfig } from '../../../identity/scim/discovery.js';
import { ScimError, scimErrorBody, scimNotFound, toScimError } from '../../../identity/scim/errors.js';
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from '../../../identity/scim/group-ops.js';
import { GroupBody } from '../../../identity/scim/groups.js';
import { PatchBody } from '../../../identity/scim/patch.js';
import { createScimUser, deactivateScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser, scimBase, type ScimKey } from '../../../identity/scim/user-ops.js';
import { UserBody } from '../../../identity/scim/users.js';
import type { ApiKeyPrincipal } from '../../../integrations/api-keys.js';
import { requireApiKeyScope } from '../../authenticate.js';
import { HttpError } from '../../errors.js';
import { ListQuery, withMembers } from './schema.js';

const BASE = '/scim/v2';
const CONTENT_TYPE = 'application/scim+json; charset=utf-8';

function send(res: Response, status: number, body?: unknown): void {
  if (body === undefined) {
    res.status(status).end();
    return;
  }
  res.status(status).type(CONTENT_TYPE).send(JSON.stringify(body));
}

const keyOf = (res: Response): ScimKey => res.locals.scimKey as ApiKeyPrincipal;

export function scimRoutes(ctx: Context): Router {
  const router = Router();
  // SCIM clients send application/scim+json (the app's own parser takes application/json only),
  // and a Group PUT may list many members.
  router.use(BASE, express.json({ type: ['application/scim+json', 'application/json'], limit: '4mb' }));
  const requireKey: RequestHandler = (req, res, next) => {
    res.locals.scimKey = requireApiKeyScope(req, 'scim');
    next();
  };
  router.use(BASE, requireKey);

  // ---- discovery ------------------------------------------------------------------------------
  router.get(`${BASE}/ServiceProviderConfig`, (_req, res) => send(res, 200, serviceProviderConfig(scimBase(ctx))));
  router.get(`${BASE}/ResourceTypes`, (_req, res) => {
    const all = resourceTypes(scimBase(ctx));
    send(res, 200, listResponse(all, all.length, 1));
  });
  router.get(`${BASE}/ResourceTypes/:name`, (req, res) => {
    const found = resourceTypes(scimBase(ctx)).find((t) => t.id.toLowerCase() === req.params.name.toLowerCase());
    if (!found) throw scimNotFound('resource type');
    send(res, 200, found);
  });
  router.get(`${BASE}/Schemas`, (_req, res) => {
    const all = schemas(scimBase(ctx));
    send(res, 200, listResponse(all, all.length, 1));
  });
  router.get(`${BASE}/Schemas/:id`, (req, res) => {
    const found = schemas(scimBase(ctx)).find((s) => s.id === req.params.id);
    if (!found) throw scimNotFound('schema');
    send(res, 200, found);
  });

  // ---- Users --------------------------------------------------------------------------------
  router.get(`${BASE}/Users`, async (req, res) => {
    const q = ListQuery.parse(req.query);
    const { total, resources } = await listScimUsers(ctx, q);
    send(res, 200, listResponse(resources, total, q.startIndex));
  });
  router.post(`${BASE}/Users`, async (req, res) => {
    const user = await createScimUser(ctx, keyOf(res), UserBody.parse(req.body));
    res.setHeader('Location', user.meta.location);
    send(res, 201, user);
  });
  router.get(`${BASE}/Users/:id`, async (req, res) => send(res, 200, await getScimUser(ctx, req.params.id)));
  router.put(`${BASE}/Users/:id`, async (req, res) => send(res, 200, await replaceScimUser(ctx, keyOf(res), req.params.id, UserBody.parse(req.body))));
  router.patch(`${BASE}/Users/:id`, async (req, res) => {
    const { Operations } = PatchBody.parse(req.body);
    send(res, 200, await patchScimUser(ctx, keyOf(res), req.params.id, Operations));
  });
  router.delete(`${BASE}/Users/:id`, async (req, res) => {
    await deactivateScimUser(ctx, keyOf(res), req.params.id);
    send(res, 204);
  });

  // ---- Groups (departments) -------------------------------------------------------------------
  router.get(`${BASE}/Groups`, async (req, res) => {
    const q = ListQuery.parse(req.query);
    const { total, resources } = await listScimGroups(ctx, { ...q, withMembers: withMembers(req.query) });
    send(res, 200, listResponse(resources, total, q.startIndex));
  });
  router.post(`${BASE}/Groups`, async (req, res) => {
    const group = await createScimGroup(ctx, keyOf(res), GroupBody.parse(req.body));
    res.setHeader('Location', group.meta.location);
    send(res, 201, group);
  });
  router.get(`${BASE}/Groups/:id`, async (req, res) => send(res, 200, await getScimGroup(ctx, req.params.id, withMembers(req.query))));
  router.put(`${BASE}/Groups/:id`, async (req, res) => send(res, 200, await replaceScimGroup(ctx, keyOf(res), req.params.id, GroupBody.parse(req.body))));
  router.patch(`${BASE}/Groups/:id`, async (req, res) => {
    const { Operations } = PatchBody.parse(req.body);
    await patchScimGroup(ctx, keyOf(res), req.params.id, Operations);
    send(res, 204);
  });
  router.delete(`${BASE}/Groups/:id`, async (req, res) => {
    await deleteScimGroup(ctx, keyOf(res), req.params.id);
    send(res, 204);
  });

  // ---- anything else under /scim/v2, and errors -----------------------------------------------
  router.use(BASE, () => {
    throw new ScimError(404, undefined, 'No such SCIM endpoint');
  });
  const scimErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const known = err instanceof HttpError ? new ScimError(err.status, undefined, err.message) : toScimError(err);
    if (known) {
      if (known.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="heraldo-scim"');
      return send(res, known.status, scimErrorBody(known.status, known.scimType, known.message));
    }
    // Anything else (a bug, Postgres away) goes to the app's handler, which logs it and picks
    // 500 or 503 with Retry-After; only the body is put in SCIM's shape.
    const json = res.json.bind(res);
    res.json = (body: { error?: { message?: string } }) => {
      res.type(CONTENT_TYPE);
      return json(scimErrorBody(res.statusCode, undefined, body?.error?.message ?? 'Something went wrong on our side'));
    };
    next(err);
  };
  router.use(BASE, scimErrors);
  return router;
}
