// Single sign-on with OpenID Connect: authorization code flow with PKCE, `state` and `nonce`,
// through `openid-client` (a certified relying party), so that no token exchange, signature
// or claim check is written here. This module speaks to the identity provider only; who may
// sign in is decided in sign-in.ts.
import * as client from 'openid-client';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export type OidcSettings = NonNullable<Config['oidc']>;

/** What the browser must bring back to the callback: kept in a signed cookie (see pending.ts). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/** The provider could not be reached or its discovery document is unusable. */
export class OidcUnavailableError extends Error {}
/** The answer on the callback did not check out (state, code, nonce, signature…). */
export class OidcRejectedError extends Error {}

export const SCOPES = 'openid email profile';

/**
 * Plain http to the provider is allowed only for one on this machine, outside production:
 * a developer's local Keycloak or the tests' provider. Anything else must be https.
 */
export function allowsInsecure(issuer: string, env: Config['env']): boolean {
  if (env === 'production') return false;
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** email_verified is a boolean in the standard; some providers send the string "true". */
function verified(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export interface OidcClient {
  readonly name: string;
  /** Where to send the browser, and what it must bring back. */
  begin(redirectUri: string): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Checks the callback (state, PKCE, nonce, ID token) and reads who signed in. */
  complete(callbackUrl: URL, pending: PendingSignIn): Promise<OidcIdentity>;
}

export function createOidcClient(settings: OidcSettings, env: Config['env'], logger: Logger): OidcClient {
  const insecure = allowsInsecure(settings.issuer, env);
  let discovered: Promise<client.Configuration> | undefined;

  // Discovery runs on first use, not at start: a provider that is down while Heraldo starts
  // must not stop Heraldo, and a failed attempt is forgotten so the next sign-in retries.
  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((err: unknown) => {
        discovered = undefined;
        logger.warn({ issuer: settings.issuer, err: (err as Error).message }, 'OpenID Connect discovery failed');
        throw new OidcUnavailableError('The identity provider cannot be reached');
      });
    return discovered;
  }

  return {
    name: settings.name,

    async begin(redirectUri) {
      const config = await configuration();
      const pending: PendingSignIn = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPES,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, pending };
    },

    async complete(callbackUrl, pending) {
      const config = await configuration();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        // Said once in the log, without the code or tokens: what the library refused.
        logger.info({ err: (err as Error).message, code: (err as { code?: string }).code }, 'OpenID Connect callback refused');
        throw new OidcRejectedError((err as Error).message);
      }
      const claims = tokens.claims()!;
      let email = text(claims.email);
      let emailVerified = verified(claims.email_verified);
      let name = text(claims.name);
      // Many providers (and oidc-provider by default) give email and email_verified only from
      // the userinfo endpoint, not in the ID token: ask there when the token lacks either.
      // The pair is taken from one source, so a verified flag never vouches for another address.
      if ((email === null || emailVerified === undefined) && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch((err: unknown) => {
          logger.warn({ err: (err as Error).message }, 'OpenID Connect userinfo failed');
          throw new OidcRejectedError('The identity provider did not answer the userinfo request');
        });
        const infoEmail = text(info.email);
        if (infoEmail !== null && infoEmail.toLowerCase() !== email?.toLowerCase()) {
          email = infoEmail;
          emailVerified = verified(info.email_verified);
        } else {
          emailVerified ??= verified(info.email_verified);
        }
        name ??= text(info.name);
      }
      return { subject: claims.sub, email: email?.toLowerCase() ?? null, emailVerified: emailVerified === true, name };
    },
  };
}
