// A browser whose api node goes away shows it, reconnects when the node is back, and catches
// up on what was published meanwhile (through another api node) without a reload.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, departmentIds, login, type World } from '../support/harness.js';
import {
  badge,
  isSameDocument,
  launchBrowser,
  markDocument,
  openAs,
  saveFailureShots,
  toasts,
  waitForBadge,
  waitForText,
  type Person,
} from './browser.js';
import { publish, waitFannedOut, waitUserListening } from './server.js';

let world: World;
let browser: Browser;
let alice: Person | undefined;

beforeAll(async () => {
  world = await createWorld();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    if (alice) console.error(`screenshots of the failed test: ${await saveFailureShots(task.name, [alice])}`);
  });
});

describe('reconnection', () => {
  it('shows the outage, reconnects and catches up on what it missed', async () => {
    // Two api nodes and a worker: Alice's node goes down, the communicator's stays up.
    const nodeA = await world.start({ HERALDO_SERVICES: 'api' });
    const nodeB = await world.start({ HERALDO_SERVICES: 'api' });
    await world.start({ HERALDO_SERVICES: 'worker' });
    const port = new URL(nodeA.url!).port;
    const api = await login(nodeB.url!, 'comms@heraldo.test');
    const itDept = (await departmentIds(world.prisma)).it!;

    alice = await openAs(browser, nodeA.url!, 'alice@heraldo.test');
    const { page } = alice;
    await waitUserListening(nodeA, world, alice.email);
    await markDocument(page);

    const before = await publish(api, { title: 'Before the outage', audience: { type: 'departments', departmentIds: [itDept] } });
    await toasts(page).filter({ hasText: 'Before the outage' }).waitFor();
    await waitForBadge(page, 1);
    await waitFannedOut(world, before);

    await nodeA.stop();
    await page.locator('[data-testid="connection-status"][data-state="reconnecting"]').waitFor();

    const during = await publish(api, {
      title: 'During the outage',
      audience: { type: 'departments', departmentIds: [itDept] },
      priority: 'urgent',
    });
    await waitFannedOut(world, during);
    await waitForText(badge(page), 1); // nothing could reach her

    // The node comes back at the same address; the page reconnects by itself and replays.
    const restarted = await world.start({ HERALDO_SERVICES: 'api', PORT: port });
    expect(restarted.url).toBe(nodeA.url);
    await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    await toasts(page).filter({ hasText: 'During the outage' }).waitFor();
    await waitForBadge(page, 2);
    expect(await page.getByTestId('inbox-item').count()).toBe(2);
    expect(await page.getByTestId('inbox-item').first().textContent()).toContain('During the outage');
    expect(await isSameDocument(page)).toBe(true);
    expect(alice.pageErrors).toEqual([]);
  });
});
