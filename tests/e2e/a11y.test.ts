// axe-core on every page, as people see them, at desktop and phone (390 px) widths: signed
// out, an employee's inbox with items (and an urgent toast), and the communicator's composer,
// announcement list and announcement page. At phone width the page must not scroll sideways,
// even with a message holding a long code line, a long URL and a table.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { createWorld, departmentIds, login, type World } from '../support/harness.js';
import {
  accessibilityProblems,
  axeViolations,
  goTo,
  inboxItem,
  launchBrowser,
  openAs,
  openSignedOut,
  saveFailureShots,
  signIn,
  toasts,
  waitForBadge,
  waitForText,
  type Person,
} from './browser.js';
import { publish, waitFannedOut, waitUserListening } from './server.js';

let world: World;
let node: Heraldo;
let browser: Browser;
let alice: Person;
let comms: Person;
let announcementId: string;
const people: Person[] = [];

beforeAll(async () => {
  world = await createWorld();
  node = await world.start();
  browser = await launchBrowser();
  // axe is injected with a script tag, which the app's CSP (rightly) forbids: bypass it here.
  [alice, comms] = await Promise.all([
    openAs(browser, node.url!, 'alice@heraldo.test', { bypassCSP: true }),
    openAs(browser, node.url!, 'comms@heraldo.test', { bypassCSP: true }),
  ]);
  people.push(alice, comms);
  await waitUserListening(node, world, alice.email);

  const api = await login(node.url!, 'comms@heraldo.test');
  const dept = await departmentIds(world.prisma);
  await publish(api, { title: 'Canteen menu for June', audience: { type: 'all' } });
  announcementId = await publish(api, {
    title: 'New VPN client: install by Friday',
    body: 'Install the **new VPN client** before Friday.\n\n1. Open the software centre\n2. Pick *Heraldo VPN*\n\n[Guide](https://intranet.example/vpn)',
    audience: { type: 'departments', departmentIds: [dept.it] },
    priority: 'urgent',
    requireAck: true,
  });
  await waitFannedOut(world, announcementId);
  const wide = await publish(api, {
    title: 'Release notes with a long line',
    body: [
      'See https://intranet.example/' + 'a-very-long-path-segment/'.repeat(12),
      '',
      '```',
      'curl -H "Authorization: Bearer hk_' + 'x'.repeat(200) + '" https://heraldo.example/api/announcements',
      '```',
      '',
      '| Service | Version | Notes |',
      '|:--|:-:|--:|',
      '| api | 2.1 | ' + 'unbroken'.repeat(30) + ' |',
      '',
      '![Architecture diagram](/no-such-image.png)',
    ].join('\n'),
    audience: { type: 'departments', departmentIds: [dept.it] },
  });
  await waitFannedOut(world, wide);
});

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => console.error(`screenshots of the failed test: ${await saveFailureShots(task.name, people)}`));
});

async function expectNoViolations(person: Person): Promise<void> {
  expect(await accessibilityProblems(person.page)).toEqual([]);
}

describe('accessibility (axe-core)', () => {
  it('sign-in page', async () => {
    const visitor = await openSignedOut(browser, node.url!, { bypassCSP: true });
    people.push(visitor);
    await expectNoViolations(visitor);
    // With the error message showing too.
    await visitor.page.getByLabel('Password').press('Enter');
    await waitForText(visitor.page.locator('#signin-error'), 'Enter your email and password.');
    await expectNoViolations(visitor);

    // The scanner does see problems: a planted one is reported, with its target.
    await visitor.page.evaluate(() => {
      const img = document.createElement('img');
      img.id = 'planted';
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.getElementById('main')!.append(img);
    });
    const planted = await axeViolations(visitor.page);
    expect(planted.map((v) => [v.id, v.targets])).toEqual([['image-alt', ['#planted']]]);
    await visitor.page.evaluate(() => document.getElementById('planted')!.remove());

    // A wrong password: focus goes back to the form (not <body>), which the error describes.
    const activeId = () => visitor.page.evaluate(() => document.activeElement?.id ?? '');
    await visitor.page.getByLabel('Email').fill('bob@heraldo.test');
    await visitor.page.getByLabel('Password').fill('not the password');
    await visitor.page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(visitor.page.locator('#signin-error'), 'Wrong email or password.');
    await visitor.page.waitForFunction(() => document.activeElement?.id === 'signin-email');
    await expectNoViolations(visitor);
    // Then the right one: focus starts on the inbox's heading.
    await signIn(visitor, 'bob@heraldo.test');
    await visitor.page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    // (Bob's account is in Spanish, this browser English: a note says so, once, and offers English.)
    expect(await visitor.page.evaluate(() => document.activeElement!.textContent)).toBe('Bandeja de entrada');
    await waitForText(visitor.page.getByTestId('language-note-switch'), 'Switch to English');
    await expectNoViolations(visitor);
    expect(await activeId()).toBe('');
    await visitor.context.close();
  });

  it('inbox with items, an urgent toast and an open item', async () => {
    const { page } = alice;
    await waitForBadge(page, 3);
    await page.getByTestId('inbox-item').nth(2).waitFor();
    await toasts(page).filter({ hasText: 'New VPN client' }).waitFor();
    await expectNoViolations(alice);
    // A closed item shows the start of its body.
    expect(await page.getByTestId('inbox-item').filter({ hasText: 'New VPN client' }).getByTestId('inbox-snippet').textContent()).toBe(
      'Install the new VPN client before Friday. 1. Open the software centre 2. Pick Heraldo VPN Guide',
    );
    // The toasts are two Tab stops away (after "Skip to content"), not past the whole page.
    await page.mouse.click(1, 1); // the top-left corner of the page: Tab starts from there
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))).toMatch(/data-testid="toasts-skip-link"/);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="toast"]') !== null)).toBe(true);

    const first = page.getByTestId('inbox-item').filter({ hasText: 'New VPN client' });
    const id = (await first.getAttribute('data-id'))!;
    await first.getByRole('heading').getByRole('button').click();
    await inboxItem(page, id, '[data-read="true"]').waitFor();
    await first.locator('.inbox-body a').waitFor();
    await expectNoViolations(alice);
    // The same state in the system's dark mode: its palette keeps the contrast.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoViolations(alice);
    await page.emulateMedia({ colorScheme: 'light' });

    // The message with a long URL, a long code line and a wide table, open.
    const wide = page.getByTestId('inbox-item').filter({ hasText: 'Release notes with a long line' });
    await wide.getByRole('heading').getByRole('button').click();
    await wide.locator('.scroll-box pre').waitFor();
    expect(await wide.locator('.inbox-body img').getAttribute('alt')).toBe('Architecture diagram');
    expect(await wide.locator('.inbox-body td').nth(2).getAttribute('align')).toBe('right');
    await expectNoViolations(alice);
  });

  it('composer, empty and with validation errors', async () => {
    const { page } = comms;
    await goTo(page, '#/compose');
    const form = page.getByTestId('composer-form');
    await form.locator('input[name="audience-type"][value="all"]').waitFor();
    await expectNoViolations(comms);

    await form.locator('input[name="audience-type"][value="departments"]').check();
    await form.locator('input[name="departmentIds"]').first().waitFor();
    await page.getByTestId('publish-button').click();
    await page.getByTestId('error-summary').waitFor();
    await expectNoViolations(comms);

    await form.locator('#composer-title').fill('Preview check');
    await form.locator('#composer-body').fill('Some **bold** text and a [link](https://example.com).\n\n```\n' + 'x'.repeat(300) + '\n```');
    await page.getByTestId('markdown-preview').waitFor();
    await expectNoViolations(comms);
  });

  it('announcements list', async () => {
    const { page } = comms;
    await goTo(page, '#/announcements');
    await page.locator(`[data-testid="announcement-row"][data-id="${announcementId}"]`).waitFor();
    await expectNoViolations(comms);
  });

  it('announcement page with its numbers', async () => {
    const { page } = comms;
    await goTo(page, `#/announcements/${announcementId}`);
    await waitForText(page.getByTestId('stat-recipients'), 2);
    await expectNoViolations(comms);
  });
});
