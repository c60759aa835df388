// /api/docs in Chromium under the app's real Content Security Policy: Swagger UI, served from
// node_modules, renders the OpenAPI document with no CSP violation and no page error.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, type World } from '../support/harness.js';
import { DESKTOP, WAIT_MS, launchBrowser } from './browser.js';

let world: World;
let node: Heraldo;
let browser: Browser;

beforeAll(async () => {
  world = await createWorld();
  node = await world.start({ HERALDO_SERVICES: 'api' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe('API documentation page', () => {
  it('renders every documented route from local files, within the CSP', async () => {
    const context = await browser.newContext({ baseURL: node.url, viewport: DESKTOP });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('request', (req) => !req.url().startsWith(node.url!) && foreign.push(req.url()));

    const res = await page.goto('/api/docs');
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .info .title', { hasText: 'Heraldo API' }).waitFor();
    const publish = page.locator('.opblock-post', { hasText: '/api/announcements' }).first();
    await publish.waitFor();
    await page.locator('.opblock-summary-path', { hasText: '/api/integrations/alertmanager' }).waitFor();

    // Open one operation: its schema (from the zod request schema) renders too.
    await publish.locator('.opblock-summary').click();
    await page.locator('.parameters-container, .opblock-section-request-body').first().waitFor();
    expect(await page.locator('.opblock-body').first().textContent()).toContain('Idempotency-Key');

    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/heraldo-api-docs.png` });
    await context.close();
  });
});
