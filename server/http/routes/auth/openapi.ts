// OpenAPI registration of the sign-in routes, from the schemas the handlers parse with.
import { z } from 'zod';
import { PUBLIC, errors, json, ok, type OpenApiPaths } from '../../openapi/common.js';
import { LoginBody, SetPasswordBody } from './schema.js';

const tags = ['Sign-in'];
const redirect = (description: string) => ({ 302: { description } });

export const paths: OpenApiPaths = {
  '/api/auth/login': {
    post: {
      tags,
      ...PUBLIC,
      summary: 'Sign in with email and password',
      description: 'Answers a bearer token and sets the session and CSRF cookies. 429 after repeated failures.',
      requestBody: json(LoginBody),
      responses: { 200: ok('Signed in', z.object({ token: z.string(), user: z.object({}).loose() })), ...errors(400, 401, 429) },
    },
  },
  '/api/auth/logout': {
    post: { tags, summary: 'Sign out: revokes the session and closes its sockets', responses: { 200: ok('Signed out'), 204: { description: 'Signed out' }, ...errors(401) } },
  },
  '/api/auth/password': {
    post: {
      tags,
      ...PUBLIC,
      summary: 'Set a password with the token of an invitation link',
      requestBody: json(SetPasswordBody),
      responses: { 200: ok('Password set'), 204: { description: 'Password set' }, ...errors(400) },
    },
  },
  '/api/auth/providers': {
    get: { tags, ...PUBLIC, summary: 'How people may sign in (password, single sign-on)', responses: { 200: ok('Sign-in methods') } },
  },
  '/api/auth/oidc/login': {
    get: { tags, ...PUBLIC, summary: 'Start single sign-on (OpenID Connect)', responses: { ...redirect('To the identity provider'), ...errors(404) } },
  },
  '/api/auth/oidc/callback': {
    get: { tags, ...PUBLIC, summary: 'Where the identity provider returns', responses: { ...redirect('Signed in: to the app'), 200: { description: 'A page saying why sign-in was refused' } } },
  },
};
