// The screenshots in docs/screenshots, taken from the real app. Only with HERALDO_SCREENSHOTS=1
// (`HERALDO_SCREENSHOTS=1 npx vitest run --project e2e tests/e2e/screenshots.test.ts`), so
// ordinary runs and CI never rewrite them.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, type World } from '../support/harness.js';
import {
  goTo,
  inboxItem,
  launchBrowser,
  openAs,
  openSignedOut,
  PHONE,
  toasts,
  waitForBadge,
  waitForText,
  type Person,
} from './browser.js';
import { publish, waitFannedOut, waitStaffListening, waitUserListening } from './server.js';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const enabled = process.env.HERALDO_SCREENSHOTS === '1';
/** The style that stills the page for a picture is injected as a tag, which the app's CSP
 *  (style-src 'self') refuses: these browsers skip the CSP (the a11y tests check it holds). */
const SHOOTING = { bypassCSP: true };

async function shoot(page: Page, name: string): Promise<void> {
  // No blinking caret, no half-finished transition in the picture.
  await page.addStyleTag({ content: '*, *::before, *::after { caret-color: transparent !important; transition: none !important; animation: none !important; }' });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

describe.runIf(enabled)('screenshots for the docs', () => {
  let world: World;
  let node: Heraldo;
  let browser: Browser;
  let comms: Person;
  let alice: Person;
  let announcementId: string;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    world = await createWorld();
    node = await world.start();
    browser = await launchBrowser();

    // Some history, so the pages are not empty.
    const dept = await departmentIds(world.prisma);
    const commsApi = await login(node.url!, 'comms@heraldo.test');
    const manager = await login(node.url!, 'it.manager@heraldo.test');
    const history = [
      await publish(commsApi, {
        title: 'Summer hours start on 1 July',
        body: 'From **1 July** the office closes at 15:00 on Fridays.',
        audience: { type: 'all' },
      }),
      await publish(manager, {
        title: 'Laptop refresh: book your slot',
        body: 'New laptops are in. Book a 30-minute slot with IT.',
        audience: { type: 'departments', departmentIds: [dept.it] },
        priority: 'high',
      }),
      await publish(commsApi, {
        title: 'Town hall on Thursday',
        body: 'Join us in the auditorium or online.',
        audience: { type: 'all' },
      }),
    ];
    for (const id of history) await waitFannedOut(world, id);
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it('sign-in', async () => {
    const visitor = await openSignedOut(browser, node.url!, SHOOTING);
    await visitor.page.getByLabel('Email').fill('alice@heraldo.test');
    await shoot(visitor.page, 'sign-in');
    await visitor.context.close();
  });

  it('composer, then the inbox with the toast it raises, then the announcement page', async () => {
    [comms, alice] = await Promise.all([
      openAs(browser, node.url!, 'comms@heraldo.test', SHOOTING),
      openAs(browser, node.url!, 'alice@heraldo.test', SHOOTING),
    ]);
    // The communicator's account is in Spanish; the docs are in English.
    await comms.page.getByTestId('lang-switch').selectOption('en');
    await goTo(comms.page, '#/compose');
    const form = comms.page.getByTestId('composer-form');
    await form.locator('#composer-title').fill('Server room maintenance tonight');
    await form.locator('#composer-body').fill(
      'The **server room** is closed from 22:00 to 02:00.\n\n- Badge access is off\n- For emergencies, call IT on 4242',
    );
    await form.locator('input[name="audience-type"][value="departments"]').check();
    await form.locator('input[name="departmentIds"][data-slug="it"]').check();
    await form.locator('#composer-priority').selectOption('urgent');
    await form.locator('#composer-requireAck').check();
    await comms.page.getByTestId('markdown-preview').waitFor();
    await shoot(comms.page, 'composer');

    await waitUserListening(node, world, alice.email);
    await waitForBadge(alice.page, 3);
    await comms.page.getByTestId('publish-button').click();
    await comms.page.getByTestId('confirm-publish-yes').click();
    await comms.page.waitForURL(/#\/announcements\/[^/]+$/);
    announcementId = decodeURIComponent(new URL(comms.page.url()).hash.split('/')[2]!);
    const toast = toasts(alice.page).filter({ hasText: 'Server room maintenance tonight' });
    await toast.waitFor();
    await waitForBadge(alice.page, 4);
    await shoot(alice.page, 'inbox-toast');

    // Alice reads and confirms; the communicator's page follows.
    await waitStaffListening(node);
    const id = (await toast.getAttribute('data-id'))!;
    await toast.getByRole('button').first().click(); // "Open"
    await inboxItem(alice.page, id, '[data-read="true"]').waitFor();
    await inboxItem(alice.page, id).getByTestId('ack-button').click();
    await inboxItem(alice.page, id, '[data-acked="true"]').waitFor();
    await waitForText(comms.page.getByTestId('stat-acknowledged'), 1);
    await waitForText(comms.page.getByTestId('stat-read'), 1);
    await shoot(comms.page, 'announcement');

    await goTo(comms.page, '#/announcements');
    await comms.page.locator(`[data-testid="announcement-row"][data-id="${announcementId}"]`).waitFor();
    await shoot(comms.page, 'announcements');
  });

  it('inbox on a phone', async () => {
    const phone = await openAs(browser, node.url!, 'alice@heraldo.test', { ...SHOOTING, viewport: PHONE });
    await phone.page.getByTestId('inbox-item').nth(3).waitFor();
    await waitForBadge(phone.page, 3);
    expect(await phone.page.getByTestId('inbox-item').count()).toBe(4);
    await shoot(phone.page, 'inbox-mobile');
  });
});
