import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { allowsInsecure } from './oidc.js';

describe('plain-http identity providers', () => {
  it('are allowed only on this machine and never in production', () => {
    expect(allowsInsecure('http://127.0.0.1:8080/realms/acme', 'development')).toBe(true);
    expect(allowsInsecure('http://localhost:8080', 'test')).toBe(true);
    expect(allowsInsecure('http://127.0.0.1:8080', 'production')).toBe(false);
    expect(allowsInsecure('http://keycloak.internal', 'development')).toBe(false);
    expect(allowsInsecure('https://login.example.com', 'development')).toBe(false); // https needs no exception
  });
});

describe('single sign-on configuration', () => {
  const sso = { OIDC_ISSUER: 'https://login.example.com/realms/acme', OIDC_CLIENT_ID: 'heraldo', OIDC_CLIENT_SECRET: 's3cret' };

  it('is off by default, with passwords on', () => {
    expect(loadConfig({})).toMatchObject({ oidc: null, passwordLogin: true });
  });

  it('is on with issuer, client id and secret; name and auto-create have defaults', () => {
    expect(loadConfig(sso).oidc).toEqual({ issuer: sso.OIDC_ISSUER, clientId: 'heraldo', clientSecret: 's3cret', name: 'Single sign-on', autoCreate: false });
    expect(loadConfig({ ...sso, OIDC_NAME: 'Okta', OIDC_AUTO_CREATE: 'TRUE', PASSWORD_LOGIN: 'false' })).toMatchObject({ oidc: { name: 'Okta', autoCreate: true }, passwordLogin: false });
  });

  it('refuses to start half-configured, locked out, or with a value that is not true/false', () => {
    expect(() => loadConfig({ OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'login.example.com' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ PASSWORD_LOGIN: 'false' })).toThrow(/PASSWORD_LOGIN=false needs single sign-on/);
    expect(() => loadConfig({ PASSWORD_LOGIN: 'no' })).toThrow(/PASSWORD_LOGIN must be true or false/);
    expect(() => loadConfig({ ...sso, OIDC_AUTO_CREATE: 'yes' })).toThrow(/OIDC_AUTO_CREATE/);
  });
});
