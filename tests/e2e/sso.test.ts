// Single sign-on in Chromium, as a person does it: the sign-in page offers only "Sign in with
// …" (passwords are off), the identity provider (a real oidc-provider) asks who you are and
// for consent, and the browser comes back signed in, on its inbox, connected live.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { freePort } from '../support/processes.js';
import { createWorld, type World } from '../support/harness.js';
import { startProvider, type TestProvider } from '../support/oidc.js';
import { DESKTOP, WAIT_MS, launchBrowser, waitConnected } from './browser.js';

let world: World;
let node: Heraldo;
let provider: TestProvider;
let browser: Browser;

beforeAll(async () => {
  world = await createWorld();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startProvider([`${url}/api/auth/oidc/callback`], { bob: { email: 'bob@heraldo.test', emailVerified: true } });
  node = await world.start({
    PORT: String(port), PUBLIC_URL: url, HERALDO_SERVICES: 'api',
    OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_NAME: 'Acme SSO', PASSWORD_LOGIN: 'false',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
  await provider?.close();
});

describe('single sign-on in the browser', () => {
  it('signs in through the identity provider and lands on the inbox, live', async () => {
    const context = await browser.newContext({ baseURL: node.url, viewport: DESKTOP, locale: 'en-US' });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto('/');
    const button = page.getByRole('link', { name: 'Sign in with Acme SSO' });
    await button.waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);

    await button.click();
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill('bob');
    await page.locator('input[name="password"]').fill('anything');
    await page.locator('button[type="submit"]').click();
    // Consent, once.
    await page.locator('button[type="submit"]').click();

    await page.waitForURL((u) => u.href.startsWith(node.url!));
    await page.getByTestId('sign-out').waitFor();
    await waitConnected(page);
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ email: 'bob@heraldo.test' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
