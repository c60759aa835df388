// Live delivery in real browsers: a communicator publishes from the composer; the targeted
// employee sees the toast and the badge move without reloading, the others see nothing; her
// read and confirmation move the numbers on the communicator's announcement page live.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, type World } from '../support/harness.js';
import {
  badge,
  inboxItem,
  isSameDocument,
  launchBrowser,
  markDocument,
  openAs,
  saveFailureShots,
  toasts,
  waitForBadge,
  waitForText,
  unexpectedConsoleErrors,
  type Person,
} from './browser.js';
import { publish, userId, waitFannedOut, waitStaffListening, waitUserListening } from './server.js';

let world: World;
let node: Heraldo;
let browser: Browser;
let comms: Person;
let alice: Person;
let carol: Person;

const TITLE = 'Server room maintenance tonight';
const BODY = 'The **server room** is closed from 22:00.\n\n- badge access off\n- call IT for emergencies';

/** Shared by the two tests: what the first one published. */
let announcementId = '';
let aliceNotificationId = '';

beforeAll(async () => {
  world = await createWorld();
  node = await world.start();
  browser = await launchBrowser();
  [comms, alice, carol] = await Promise.all([
    openAs(browser, node.url!, 'comms@heraldo.test', { hash: '#/compose' }),
    openAs(browser, node.url!, 'alice@heraldo.test'),
    openAs(browser, node.url!, 'carol@heraldo.test'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const dir = await saveFailureShots(task.name, [comms, alice, carol].filter(Boolean));
    console.error(`screenshots of the failed test: ${dir}`);
    for (const p of [comms, alice, carol]) if (p?.consoleErrors.length) console.error(p.email, p.consoleErrors);
  });
});

describe('live announcements in the browser', () => {
  it('reaches the targeted department live (toast, badge) and nobody else', async () => {
    // Both employees are on their inbox, listening, with nothing unread.
    for (const p of [alice, carol]) {
      await waitForText(badge(p.page), 0);
      expect(await toasts(p.page).count()).toBe(0);
    }
    await Promise.all([waitUserListening(node, world, alice.email), waitUserListening(node, world, carol.email)]);

    // The communicator (Spanish UI) fills in the composer: only stable ids and values.
    const form = comms.page.getByTestId('composer-form');
    await form.locator('#composer-title').fill(TITLE);
    await form.locator('#composer-body').fill(BODY);
    await form.locator('input[name="audience-type"][value="departments"]').check();
    await form.locator('input[name="departmentIds"][data-slug="it"]').check();
    await form.locator('input[name="channels"][value="in_app"]').check();
    for (const other of ['email', 'slack']) await form.locator(`input[name="channels"][value="${other}"]`).uncheck();
    await form.locator('#composer-priority').selectOption('urgent');
    await form.locator('#composer-requireAck').check();
    // Enter in the title publishes nothing: only the button, then the confirmation, does.
    await form.locator('#composer-title').press('Enter');
    await comms.page.getByTestId('publish-button').click();
    const question = comms.page.getByTestId('confirm-publish-question');
    await question.waitFor();
    expect(await world.prisma.announcement.count({ where: { title: TITLE } })).toBe(0);
    expect(await question.textContent()).toBe('¿Enviar a 2 personas por la aplicación?'); // alice and it.manager
    await comms.page.getByTestId('confirm-publish-yes').click();

    // Publishing takes the communicator to the new announcement's page.
    await comms.page.waitForURL(/#\/announcements\/[^/]+$/);
    announcementId = decodeURIComponent(new URL(comms.page.url()).hash.split('/')[2]!);
    const stored = await world.prisma.announcement.findUniqueOrThrow({
      where: { id: announcementId },
      include: { departments: { include: { department: true } } },
    });
    expect(stored).toMatchObject({ title: TITLE, priority: 'urgent', requireAck: true, channels: ['in_app'], audienceType: 'departments' });
    expect(stored.departments.map((d) => d.department.slug)).toEqual(['it']);

    // Alice: an urgent toast (an alert that stays), the badge at 1, the item unread on top.
    const toast = toasts(alice.page).filter({ hasText: TITLE });
    await toast.waitFor();
    expect(await toast.getAttribute('data-priority')).toBe('urgent');
    expect(await toast.getAttribute('role')).toBe('alert');
    await waitForBadge(alice.page, 1);
    await waitForText(badge(alice.page), 1);
    aliceNotificationId = (await toast.getAttribute('data-id'))!;
    const item = inboxItem(alice.page, aliceNotificationId);
    await item.waitFor();
    expect(await item.getAttribute('data-read')).toBe('false');
    expect(await item.getAttribute('data-acked')).toBe('false');
    expect(await item.textContent()).toContain(TITLE);

    // Carol (Finance), once the fan-out has finished: nothing, and nothing in her database rows.
    await waitFannedOut(world, announcementId);
    const carolId = await userId(world, carol.email);
    expect(await world.prisma.notification.count({ where: { announcementId, userId: carolId } })).toBe(0);
    expect(await badge(carol.page).textContent()).toBe('0');
    expect(await toasts(carol.page).count()).toBe(0);
    expect(await carol.page.getByTestId('inbox-item').count()).toBe(0);

    // That silence is not a dead connection: a later Finance announcement does reach Carol,
    // and events on one socket arrive in order, so the IT one would have come before it.
    const api = await login(node.url!, 'comms@heraldo.test');
    const dept = await departmentIds(world.prisma);
    const finance = await publish(api, { title: 'Quarter close', audience: { type: 'departments', departmentIds: [dept.finance] } });
    await toasts(carol.page).filter({ hasText: 'Quarter close' }).waitFor();
    await waitForBadge(carol.page, 1);
    expect(await toasts(carol.page).allTextContents()).toEqual([expect.stringContaining('Quarter close')]);
    expect(await carol.page.getByTestId('inbox-item').count()).toBe(1);
    expect(await toasts(carol.page).filter({ hasText: TITLE }).count()).toBe(0);
    await waitFannedOut(world, finance);

    // And the Finance one did not reach Alice (as far as can be seen by now).
    expect(await toasts(alice.page).count()).toBe(1);
    expect(await badge(alice.page).textContent()).toBe('1');
  });

  it("moves the communicator's read and confirmed numbers live when the employee confirms", async () => {
    expect(announcementId, 'needs the announcement of the first test').not.toBe('');
    const page = comms.page;
    expect(page.url()).toContain(`#/announcements/${encodeURIComponent(announcementId)}`);
    await markDocument(page);

    const recipients = await world.prisma.notification.count({ where: { announcementId } });
    expect(recipients).toBe(2); // IT: alice and the IT manager
    await waitForText(page.getByTestId('stat-recipients'), recipients);
    await waitForText(page.getByTestId('stat-read'), 0);
    await waitForText(page.getByTestId('stat-acknowledged'), 0);
    await waitStaffListening(node);

    // Alice opens the item: it is read, her badge goes back to 0, the page shows 1 read.
    const item = inboxItem(alice.page, aliceNotificationId);
    await item.getByRole('heading').getByRole('button').click();
    await inboxItem(alice.page, aliceNotificationId, '[data-read="true"]').waitFor();
    await waitForBadge(alice.page, 0);
    expect(await item.locator('.inbox-body').textContent()).toContain('server room');
    await waitForText(page.getByTestId('stat-read'), 1);
    await waitForText(page.getByTestId('stat-acknowledged'), 0);

    // Then confirms it.
    await item.getByTestId('ack-button').click();
    await item.getByTestId('ack-confirmed').waitFor();
    expect(await item.getAttribute('data-acked')).toBe('true');
    await waitForText(page.getByTestId('stat-acknowledged'), 1);
    await waitForText(page.getByTestId('stat-read'), 1);
    await waitForText(page.getByTestId('stat-recipients'), recipients);

    // Live: the same document all along, no reload.
    expect(await isSameDocument(page)).toBe(true);
    const receipt = await world.prisma.notification.findUniqueOrThrow({ where: { id: BigInt(aliceNotificationId) } });
    expect(receipt.readAt).not.toBeNull();
    expect(receipt.ackAt).not.toBeNull();
  });

  it('raised no uncaught errors, CSP violations or failed requests in any page', () => {
    for (const p of [comms, alice, carol]) {
      expect(p.pageErrors, p.email).toEqual([]);
      expect(unexpectedConsoleErrors(p), p.email).toEqual([]);
    }
  });
});
