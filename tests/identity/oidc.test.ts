// Single sign-on against a real OpenID provider (oidc-provider) started here, driven like a
// browser: Heraldo's login route, the provider's login and consent forms, the redirect back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { freePort } from '../support/processes.js';
import { PASSWORD, createWorld, type World } from '../support/harness.js';
import { Browser, startProvider, type TestProvider } from '../support/oidc.js';

let world: World;
let provider: TestProvider;
/** Unknown emails refused; passwords on. */
let strict: Heraldo;
/** OIDC_AUTO_CREATE=true and PASSWORD_LOGIN=false. */
let open: Heraldo;

const ACCOUNTS = {
  alice: { email: 'Alice@Heraldo.test', emailVerified: true }, // case differs from the stored email
  stranger: { email: 'new.hire@heraldo.test', emailVerified: true, name: 'New Hire' },
  unverified: { email: 'alice@heraldo.test', emailVerified: false }, // a real user's address, not vouched for
  dan: { email: 'dan@heraldo.test', emailVerified: true },
};

beforeAll(async () => {
  world = await createWorld();
  const ports = [await freePort(), await freePort()];
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  provider = await startProvider(urls.map((u) => `${u}/api/auth/oidc/callback`), ACCOUNTS);
  const oidcEnv = { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_NAME: 'Acme SSO', HERALDO_SERVICES: 'api' };
  strict = await world.start({ ...oidcEnv, PORT: String(ports[0]), PUBLIC_URL: urls[0]! });
  open = await world.start({ ...oidcEnv, PORT: String(ports[1]), PUBLIC_URL: urls[1]!, OIDC_AUTO_CREATE: 'true', PASSWORD_LOGIN: 'false' });
  await world.prisma.user.update({ where: { email: 'dan@heraldo.test' }, data: { active: false, deactivatedAt: new Date() } });
});
afterAll(async () => {
  await world?.close();
  await provider?.close();
});

/**
 * Runs a sign-in up to the provider's redirect back to Heraldo and returns that callback URL
 * without visiting it: Heraldo's login, the provider's login form, then its consent form.
 */
async function throughProvider(browser: Browser, node: Heraldo, login: string): Promise<string> {
  const start = await browser.request(`${node.url}/api/auth/oidc/login`);
  expect(start.status).toBe(302);
  const toProvider = start.headers.get('location')!;
  expect(toProvider.startsWith(`${provider.issuer}/`)).toBe(true);
  const auth = new URL(toProvider).searchParams;
  expect(auth.get('code_challenge_method')).toBe('S256');
  expect(auth.get('scope')).toBe('openid email profile');
  for (const p of ['state', 'nonce', 'code_challenge']) expect(auth.get(p)).toBeTruthy();

  const backHome = (u: string) => u.startsWith(node.url!);
  let step = await browser.follow(toProvider, backHome);
  for (let forms = 0; step.res; forms++) {
    if (forms > 3) throw new Error('the provider kept asking');
    const html = await step.res.text();
    const fields: Record<string, string> = /name="login"/.test(html) ? { login, password: 'any' } : {};
    const posted = await browser.submitForm(step.url, html, fields);
    expect(posted.status, html.slice(0, 200)).toBeGreaterThanOrEqual(300);
    step = await browser.follow(new URL(posted.headers.get('location')!, step.url).href, backHome);
  }
  // The provider hands back to the redirect URI on the node's public address.
  expect(step.url.startsWith(`${node.url}/api/auth/oidc/callback?`)).toBe(true);
  return step.url;
}

async function refusalText(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const html = await res.text();
  expect(html).toContain('<a href="/">');
  return html;
}

describe('single sign-on (OpenID Connect)', () => {
  it('lists the ways to sign in', async () => {
    expect(await (await fetch(`${strict.url}/api/auth/providers`)).json()).toEqual({ password: true, oidc: { name: 'Acme SSO' } });
    expect(await (await fetch(`${open.url}/api/auth/providers`)).json()).toEqual({ password: false, oidc: { name: 'Acme SSO' } });
  });

  it('signs a known employee in (email matched case-insensitively, read from userinfo) with a working session', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, strict, 'alice');
    const res = await browser.request(callback);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('heraldo_session='))).toMatch(/HttpOnly/i);
    expect(cookies.find((c) => c.startsWith('heraldo_csrf='))).toBeDefined();
    const me = await browser.request(`${strict.url}/api/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'alice@heraldo.test', departments: [{ slug: 'it' }] });
    // The cookie works for writes too, with the CSRF token, exactly as after a password sign-in.
    const csrf = browser.cookie(strict.url!, 'heraldo_csrf')!;
    const patch = await fetch(`${strict.url}/api/me`, {
      method: 'PATCH',
      headers: { cookie: `heraldo_session=${browser.cookie(strict.url!, 'heraldo_session')}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ timezone: 'Europe/Madrid' }),
    });
    expect(patch.status).toBe(200);
    // The callback cannot be replayed: the pending cookie is spent and the code used.
    const again = await browser.request(callback);
    expect(again.status).toBe(400);
  });

  it('refuses an unknown email with a page that says so, and creates nobody', async () => {
    const browser = new Browser();
    const res = await browser.request(await throughProvider(browser, strict, 'stranger'));
    expect(res.status).toBe(403);
    expect(await refusalText(res)).toContain('There is no Heraldo account for new.hire@heraldo.test');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('heraldo_session='))).toBe(false);
    expect(await world.prisma.user.count({ where: { email: 'new.hire@heraldo.test' } })).toBe(0);
  });

  it('creates an unknown person as an employee with no department when OIDC_AUTO_CREATE=true, audited', async () => {
    const browser = new Browser();
    const res = await browser.request(await throughProvider(browser, open, 'stranger'));
    expect(res.status).toBe(302);
    const me = await (await browser.request(`${open.url}/api/me`)).json();
    expect(me).toMatchObject({ email: 'new.hire@heraldo.test', name: 'New Hire', role: 'employee', departments: [] });
    const audit = await world.prisma.auditEvent.findFirst({ where: { action: 'user.create', targetId: me.id } });
    expect(audit).toMatchObject({ actorType: 'system', details: { email: 'new.hire@heraldo.test', role: 'employee', departments: [], invited: false } });
    // A second sign-in finds the same person.
    const second = new Browser();
    expect((await second.request(await throughProvider(second, open, 'stranger'))).status).toBe(302);
    expect(await world.prisma.user.count({ where: { email: 'new.hire@heraldo.test' } })).toBe(1);
  });

  it('refuses an address the provider has not verified, even one that belongs to a user', async () => {
    const browser = new Browser();
    const res = await browser.request(await throughProvider(browser, open, 'unverified'));
    expect(res.status).toBe(403);
    expect(await refusalText(res)).toContain('has not confirmed');
    expect((await browser.request(`${open.url}/api/me`)).status).toBe(401);
  });

  it('refuses a deactivated user', async () => {
    const browser = new Browser();
    const res = await browser.request(await throughProvider(browser, strict, 'dan'));
    expect(res.status).toBe(403);
    expect(await refusalText(res)).toContain('has been deactivated');
  });

  it('refuses a tampered or missing state', async () => {
    const browser = new Browser();
    const callback = new URL(await throughProvider(browser, strict, 'alice'));
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const tampered = await browser.request(callback.href);
    expect(tampered.status).toBe(400);
    expect(await refusalText(tampered)).toContain('could not be finished');
    expect(browser.cookie(strict.url!, 'heraldo_session')).toBeUndefined();

    // A callback with no sign-in started in this browser (no pending cookie): refused too.
    const other = new Browser();
    const stolen = await throughProvider(other, strict, 'alice');
    const fresh = new Browser();
    expect((await fresh.request(stolen)).status).toBe(400);
    expect(fresh.cookie(strict.url!, 'heraldo_session')).toBeUndefined();
  });

  it('starts while the provider is down, says so on sign-in, and discovers it once it is up', async () => {
    const port = await freePort();
    const node = await world.start({ OIDC_ISSUER: `http://127.0.0.1:${port}`, OIDC_CLIENT_ID: 'heraldo', OIDC_CLIENT_SECRET: 'x', HERALDO_SERVICES: 'api' });
    const down = await fetch(`${node.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(down.status).toBe(503);
    expect(await refusalText(down)).toContain('cannot be reached');
    const late = await startProvider([`${node.url}/api/auth/oidc/callback`], {}, port);
    try {
      const up = await fetch(`${node.url}/api/auth/oidc/login`, { redirect: 'manual' });
      expect(up.status).toBe(302);
      expect(up.headers.get('location')!.startsWith(`${late.issuer}/`)).toBe(true);
    } finally {
      await late.close();
    }
  });

  it('refuses password sign-in when PASSWORD_LOGIN=false, and keeps it when on', async () => {
    const body = JSON.stringify({ email: 'alice@heraldo.test', password: PASSWORD });
    const post = (node: Heraldo) => fetch(`${node.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const off = await post(open);
    expect(off.status).toBe(403);
    expect((await off.json()).error.code).toBe('password_login_disabled');
    expect((await post(strict)).status).toBe(200);
  });
});
