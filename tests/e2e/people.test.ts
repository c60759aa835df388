// The administration pages in Chromium, as an admin uses them: axe-core on each (0
// violations), adding a person with the form and finding them in the list, an import checked
// and run, and an invited person choosing a password on /set-password, then signing in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Heraldo } from '../../server/heraldo.js';
import { issuePasswordToken } from '../../server/people/invitations.js';
import { createWorld, type World } from '../support/harness.js';
import { accessibilityProblems, goTo, launchBrowser, openAs, openSignedOut, saveFailureShots, signIn, type Person } from './browser.js';

let world: World;
let node: Heraldo;
let browser: Browser;
let admin: Person;
const people: Person[] = [];

beforeAll(async () => {
  world = await createWorld();
  node = await world.start();
  browser = await launchBrowser();
  admin = await openAs(browser, node.url!, 'admin@heraldo.test', { bypassCSP: true });
  people.push(admin);
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});
beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => console.error(`screenshots of the failed test: ${await saveFailureShots(task.name, people)}`));
});

/** axe at desktop and phone widths, and no sideways scroll on the phone. */
async function expectNoViolations(person: Person): Promise<void> {
  expect(await accessibilityProblems(person.page)).toEqual([]);
}

describe('administration pages', () => {
  it('People: reached from the header by keyboard, searched, and a person added through the form', async () => {
    const { page } = admin;
    await page.getByTestId('nav-people').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#/people');
    await page.locator('[data-testid="person-row"][data-email="alice@heraldo.test"]').waitFor();
    await expectNoViolations(admin);

    await page.getByTestId('new-person').click();
    await page.getByTestId('person-form').waitFor();
    await expectNoViolations(admin);
    // An empty form: errors named, summary focused, still no violations.
    await page.getByTestId('person-submit').click();
    await page.getByTestId('person-errors').waitFor();
    await expectNoViolations(admin);

    const form = page.getByTestId('person-form');
    await form.getByLabel('Email').fill('Zoe.Zapata@heraldo.test');
    await form.getByLabel('Name', { exact: true }).fill('Zoe Zapata');
    await form.getByLabel('Role').selectOption('manager');
    await form.getByLabel('Manages Sales').check();
    await form.getByLabel('Language').selectOption('es');
    await form.getByLabel('Time zone').fill('America/Bogota');
    await page.getByTestId('person-submit').click();
    await page.waitForURL((url) => url.hash === '#/people');
    await page.getByText('Zoe Zapata was added').waitFor();

    await page.getByLabel('Search by name or email').fill('zapata');
    await page.getByTestId('people-filter').click();
    const row = page.locator('[data-testid="person-row"][data-email="zoe.zapata@heraldo.test"]');
    await row.waitFor();
    // The unfiltered list held her too: wait for everyone else to leave it.
    await page.locator('[data-testid="person-row"]:not([data-email="zoe.zapata@heraldo.test"])').first().waitFor({ state: 'detached' });
    expect(await page.getByTestId('person-row').count()).toBe(1);
    expect(await row.textContent()).toContain('Sales (manager)');
    const saved = await world.prisma.user.findUniqueOrThrow({ where: { email: 'zoe.zapata@heraldo.test' }, include: { memberships: true } });
    expect(saved).toMatchObject({ role: 'manager', locale: 'es', timezone: 'America/Bogota', passwordHash: null });

    // The person's page, then deactivation after the confirmation.
    await row.getByRole('link', { name: 'Zoe Zapata' }).click();
    await page.getByTestId('deactivate').waitFor();
    await expectNoViolations(admin);
    await page.getByTestId('deactivate').click();
    await page.getByTestId('deactivate-yes').waitFor();
    await expectNoViolations(admin);
    await page.getByTestId('deactivate-yes').click();
    await page.locator('[data-testid="person-status"]', { hasText: 'Deactivated' }).waitFor();
    expect((await world.prisma.user.findUniqueOrThrow({ where: { email: 'zoe.zapata@heraldo.test' } })).active).toBe(false);
  });

  it('Departments, Import (checked, then run) and the audit log', async () => {
    const { page } = admin;
    await goTo(page, '#/departments');
    await page.locator('[data-testid="department-row"][data-slug="it"]').waitFor();
    await expectNoViolations(admin);
    const form = page.getByTestId('dept-new');
    await form.getByLabel('Name').fill('Legal');
    await form.getByLabel('Slug').fill('legal');
    await form.getByRole('button', { name: 'Create department' }).click();
    await page.locator('[data-testid="department-row"][data-slug="legal"]').waitFor();

    await goTo(page, '#/import');
    await page.getByLabel('Or paste the CSV here').fill('email,name,role,departments\nyuri@heraldo.test,"Young, Yuri",employee,legal\nbad-email,X,,\n');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-errors').waitFor();
    expect(await page.getByTestId('import-errors').textContent()).toContain('bad-email');
    await expectNoViolations(admin);
    await page.getByLabel('Or paste the CSV here').fill('email,name,role,departments\nyuri@heraldo.test,"Young, Yuri",employee,legal\n');
    await page.getByTestId('import-check').click();
    await page.locator('[data-testid="import-rows"] tr[data-action="create"]').waitFor();
    await expectNoViolations(admin);
    await page.getByTestId('import-run').click();
    await page.getByText('Imported: 1 added').waitFor();
    expect((await world.prisma.user.findUniqueOrThrow({ where: { email: 'yuri@heraldo.test' } })).name).toBe('Young, Yuri');

    await goTo(page, '#/audit');
    await page.locator('[data-testid="audit-row"][data-action="user.import"]').waitFor();
    await expectNoViolations(admin);
    await page.getByLabel('Action').selectOption('department.create');
    await page.locator('[data-testid="audit-row"][data-action="department.create"]').waitFor();
    // The unfiltered list had department.create rows too: wait for the others to leave.
    await page.locator('[data-testid="audit-row"]:not([data-action="department.create"])').first().waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="audit-row"]:not([data-action="department.create"])').count()).toBe(0);
  });

  it('an invited person chooses a password on /set-password and signs in with it', async () => {
    const user = await world.prisma.user.create({ data: { email: 'invitee@heraldo.test', name: 'Ivy Invitee' } });
    const { token } = await issuePasswordToken(world.prisma, user.id);
    const visitor = await openSignedOut(browser, node.url!, { bypassCSP: true });
    people.push(visitor);
    await visitor.page.goto(`/set-password?token=${token}`);
    await visitor.page.getByTestId('setpw-form').waitFor();
    await expectNoViolations(visitor);
    await visitor.page.getByLabel('New password').fill('ivy chooses this');
    await visitor.page.getByLabel('Repeat the password').fill('ivy chooses this');
    await visitor.page.getByRole('button', { name: 'Save password' }).click();
    await visitor.page.getByTestId('setpw-done').waitFor();
    expect(visitor.page.url()).not.toContain(token);
    await expectNoViolations(visitor);
    await visitor.page.getByRole('link', { name: 'Go to sign in' }).click();
    await signIn(visitor, 'invitee@heraldo.test', 'ivy chooses this');
    expect(visitor.pageErrors).toEqual([]);
  });
});
