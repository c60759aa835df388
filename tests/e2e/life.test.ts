// Edit and retract, in real browsers: the communicator changes an announcement from its page;
// the employee's open inbox shows the new text, then loses the item, without a reload.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, type World } from '../support/harness.js';
import {
  accessibilityProblems, badge, goTo, inboxItem, isSameDocument, launchBrowser, markDocument, openAs, saveFailureShots,
  unexpectedConsoleErrors, waitForBadge, waitForText, type Person,
} from './browser.js';
import { publish, userId, waitFannedOut, waitUserListening } from './server.js';

let world: World;
let node: Heraldo;
let browser: Browser;
let comms: Person;
let alice: Person;

beforeAll(async () => {
  world = await createWorld();
  node = await world.start();
  browser = await launchBrowser();
  [comms, alice] = await Promise.all([
    // bypassCSP: only so that the axe-core script can be injected for the accessibility check.
    openAs(browser, node.url!, 'comms@heraldo.test', { hash: '#/announcements', bypassCSP: true }),
    openAs(browser, node.url!, 'alice@heraldo.test', { bypassCSP: true }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const dir = await saveFailureShots(task.name, [comms, alice].filter(Boolean));
    console.error(`screenshots of the failed test: ${dir}`);
  });
});

describe('an announcement\'s life in the browser', () => {
  it('edits live in the inbox, then retracts after a confirmation, without a reload', async () => {
    await waitForText(badge(alice.page), 0);
    await waitUserListening(node, world, alice.email);
    await markDocument(alice.page);
    const api = await login(node.url!, 'comms@heraldo.test');
    const dept = await departmentIds(world.prisma);
    const id = await publish(api, { title: 'Parking closed on Friday', body: 'The car park is **closed**.', audience: { type: 'departments', departmentIds: [dept.it] } });
    await waitFannedOut(world, id);
    const n = await world.prisma.notification.findFirstOrThrow({ where: { announcementId: id, userId: await userId(world, alice.email) } });
    const item = inboxItem(alice.page, n.id.toString());
    const titled = (text: string) => item.locator('.inbox-item-title button', { hasText: text }).waitFor();
    await titled('Parking closed on Friday');
    await waitForBadge(alice.page, 1);

    // The communicator edits it from its page.
    await goTo(comms.page, `#/announcements/${id}`);
    await comms.page.getByTestId('edit-button').click();
    await comms.page.getByTestId('edit-title').fill('Parking closed on Saturday');
    await comms.page.getByTestId('edit-body').fill('The car park is closed on **Saturday**, not Friday.');
    await comms.page.getByTestId('edit-save').click();
    await comms.page.getByTestId('edit-saved').waitFor();
    await comms.page.getByTestId('announcement-edited').waitFor();

    // Alice's inbox follows: new title, the edited mark, the new body when opened.
    await titled('Parking closed on Saturday');
    await item.getByTestId('edited').waitFor();
    await item.locator('.inbox-item-title button').click();
    await item.locator('.inbox-body strong', { hasText: 'Saturday' }).waitFor();
    await waitForBadge(alice.page, 0); // opening it read it
    expect(await isSameDocument(alice.page)).toBe(true);

    // Retract: nothing happens until confirmed.
    await comms.page.getByTestId('retract-button').click();
    expect(await world.prisma.announcement.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: 'published' });
    await comms.page.getByTestId('retract-confirm').click();
    await comms.page.getByTestId('retracted-notice').waitFor();
    await comms.page.locator('[data-testid="announcement-status"][data-status="retracted"]').waitFor();

    // Gone from Alice's inbox, live.
    await item.waitFor({ state: 'detached' });
    expect(await isSameDocument(alice.page)).toBe(true);
    expect(unexpectedConsoleErrors(alice)).toEqual([]);
    expect(unexpectedConsoleErrors(comms)).toEqual([]);
  });

  it('has an accessible Preferences page and edit form (axe-core)', async () => {
    await goTo(alice.page, '#/preferences');
    await alice.page.getByTestId('prefs-save').and(alice.page.locator(':enabled')).waitFor();
    await alice.page.getByTestId('prefs-quiet').check();
    expect(await accessibilityProblems(alice.page)).toEqual([]); // desktop and phone widths
    // Saving, then reading back.
    await alice.page.getByTestId('prefs-email-important').check();
    await alice.page.getByTestId('prefs-save').click();
    await alice.page.getByTestId('prefs-saved').waitFor();
    expect((await world.prisma.user.findUniqueOrThrow({ where: { email: alice.email } })).emailPreference).toBe('important');

    const api = await login(node.url!, 'comms@heraldo.test');
    const id = await publish(api, { title: 'Form check', audience: { type: 'all' }, requireAck: true });
    await waitFannedOut(world, id);
    await goTo(comms.page, `#/announcements/${id}`);
    await comms.page.getByTestId('edit-button').click();
    await comms.page.getByTestId('edit-form').waitFor();
    expect(await accessibilityProblems(comms.page)).toEqual([]);
  });
});
