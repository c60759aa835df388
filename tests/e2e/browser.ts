// Chromium for the end-to-end tests: one browser per file, one context per person, signed
// in through the UI. Waits use Playwright's auto-waiting locators, never fixed sleeps.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PASSWORD } from '../support/harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Runs as root, without a GPU, and must not try to reach Google's services.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long any single wait may take: well inside the 60 s test timeout, so a failure says what it waited for. */
export const WAIT_MS = 15_000;
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Person {
  email: string;
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page; a healthy app has none. */
  pageErrors: string[];
  /** console errors (CSP violations, failed requests), each with the URL it is about. */
  consoleErrors: string[];
}

/**
 * Console errors other than the expected one: the signed-out page probes /api/me and gets a
 * 401, which Chromium logs as a failed resource load.
 */
export function unexpectedConsoleErrors(person: Person): string[] {
  return person.consoleErrors.filter((e) => !(e.includes('status of 401') && /\/api\/me\]$/.test(e)));
}

export interface PersonOptions {
  viewport?: { width: number; height: number };
  /** Skip the CSP (needed to inject axe-core with a script tag). */
  bypassCSP?: boolean;
  /** Where to go after signing in (a hash route such as `#/compose`); default the inbox. */
  hash?: string;
}

/** A fresh context (English browser, no cookies) on the sign-in page. */
export async function openSignedOut(browser: Browser, baseUrl: string, options: PersonOptions = {}): Promise<Person> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? DESKTOP,
    locale: 'en-US',
    timezoneId: 'Europe/Madrid',
    bypassCSP: options.bypassCSP ?? false,
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const person: Person = { email: '', context, page, pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (err) => person.pageErrors.push(err.stack ?? err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') person.consoleErrors.push(`${msg.text()} [${msg.location().url}]`);
  });
  await page.goto('/#/inbox');
  await page.getByLabel('Email').waitFor();
  return person;
}

/** Signs in through the sign-in form, as a person would, and waits for the live connection. */
export async function signIn(person: Person, email: string, password = PASSWORD): Promise<void> {
  const { page } = person;
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.getByTestId('sign-out').waitFor();
  await waitConnected(page);
  person.email = email;
}

export async function openAs(browser: Browser, baseUrl: string, email: string, options: PersonOptions = {}): Promise<Person> {
  const person = await openSignedOut(browser, baseUrl, options);
  await signIn(person, email);
  if (options.hash) await goTo(person.page, options.hash);
  return person;
}

export function waitConnected(page: Page): Promise<void> {
  return page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
}

/** In-app navigation: changes the hash only, so the page (and its socket) stays. */
export async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.waitForURL((url) => url.hash === hash);
}

/** Resolves when `locator`'s whole text is `text` (trimmed); fails after WAIT_MS. */
export function waitForText(locator: Locator, text: string | number): Promise<void> {
  const escaped = String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return locator.filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).waitFor();
}

export const badge = (page: Page) => page.getByTestId('unread-badge');
export const toasts = (page: Page) => page.getByTestId('toast');
/** An inbox item by notification id; `state` adds attribute selectors, e.g. `[data-read="true"]`. */
export const inboxItem = (page: Page, id: string, state = '') => page.locator(`[data-testid="inbox-item"][data-id="${id}"]${state}`);

export function waitForBadge(page: Page, count: number): Promise<void> {
  return page.locator(`[data-testid="unread-badge"][data-count="${count}"]`).waitFor();
}

/** Marks the document, so a later `assertSameDocument` proves nothing reloaded it. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __heraldoE2e: boolean }).__heraldoE2e = true;
  });
}

export async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __heraldoE2e?: boolean }).__heraldoE2e === true);
}

// ---- axe-core ----

const AXE_SOURCE = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page as it is now; the context needs `bypassCSP` for the script tag. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: RawViolation[] }> } }).axe;
    interface RawViolation {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[] }[];
    }
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  });
}

/**
 * axe-core at desktop width and at phone width (390 px), where the page must not be wider than
 * the screen either. Returns what is wrong (empty: nothing); the page is left at desktop width.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, size] of [['desktop', DESKTOP], ['390 px', PHONE]] as const) {
    await page.setViewportSize(size);
    // Layout follows the new size at the next frame.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const violations = await axeViolations(page);
    if (violations.length) problems.push(`axe at ${name} on ${page.url()}:\n${describeViolations(violations)}`);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
      // What sticks out, to say what to fix.
      wide: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    }));
    if (widths.scroll > widths.inner) problems.push(`page ${widths.scroll} px wide at ${name} (${widths.inner}) on ${page.url()}: ${widths.wide.join(', ')}`);
  }
  await page.setViewportSize(DESKTOP);
  return problems;
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
}

// ---- diagnostics ----

/** Screenshots of every open page, for a failed test; returns where they went. */
export async function saveFailureShots(name: string, people: Person[]): Promise<string> {
  const dir = path.join(tmpdir(), 'heraldo-e2e', name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80));
  mkdirSync(dir, { recursive: true });
  await Promise.allSettled(
    people.map((p, i) => p.page.screenshot({ path: path.join(dir, `${i}-${p.email || 'signed-out'}.png`), fullPage: true })),
  );
  return dir;
}
