// loadTemplates() must refuse a broken template directory at start, naming file and line,
// rather than let a worker find out while sending.
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTemplates, TemplateError } from '../../server/templates/index.js';

const TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const dirs: string[] = [];

/** A private copy of the real templates, with `file` changed by `edit`. */
async function brokenCopy(file: string, edit: (src: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'heraldo-templates-'));
  dirs.push(dir);
  await cp(TEMPLATES, dir, { recursive: true });
  const target = path.join(dir, file);
  await writeFile(target, edit(await readFile(target, 'utf8')));
  return dir;
}

/** Insert `text` as a new line so that it becomes line `line` of the file. */
const atLine = (line: number, text: string) => (src: string) => {
  const lines = src.split('\n');
  lines.splice(line - 1, 0, text);
  return lines.join('\n');
};

async function loadError(dir: string): Promise<TemplateError> {
  const err = await loadTemplates(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TemplateError);
  return err as TemplateError;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadTemplates', () => {
  it('loads the real templates', async () => {
    const t = await loadTemplates();
    expect(typeof t.email).toBe('function');
    expect(typeof t.slack).toBe('function');
  });

  it('rejects an unclosed {{#if}}, naming the file and the line it opened on', async () => {
    const dir = await brokenCopy('email/announcement.text.hbs', atLine(10, '{{#if}}'));
    const err = await loadError(dir);
    expect(err.file).toBe(path.join(dir, 'email/announcement.text.hbs'));
    expect(err.line).toBe(10);
    expect(err.message).toContain('email/announcement.text.hbs:10');
    expect(err.message).toMatch(/never closed/);
  });

  it('rejects a block closed by the wrong name', async () => {
    const dir = await brokenCopy('email/layout.html.hbs', atLine(7, '{{#if company}}x{{/each}}'));
    const err = await loadError(dir);
    expect(err.message).toContain('email/layout.html.hbs:7');
    expect(err.line).toBe(7);
  });

  it('rejects a syntax error in a partial', async () => {
    const dir = await brokenCopy('partials/button.hbs', atLine(3, '{{ oops'));
    const err = await loadError(dir);
    expect(err.message).toContain('partials/button.hbs:3');
  });

  it('rejects an unknown helper, with its line', async () => {
    const src = await readFile(path.join(TEMPLATES, 'slack/announcement.json.hbs'), 'utf8');
    const line = src.split('\n').indexOf('[') + 2; // just inside the array, after the comment
    const dir = await brokenCopy('slack/announcement.json.hbs', atLine(line, '{{shout announcement.title}}'));
    const err = await loadError(dir);
    expect(err.line).toBe(line);
    expect(err.message).toContain(`slack/announcement.json.hbs:${line}`);
    expect(err.message).toContain('unknown helper "shout"');
  });

  it('rejects an unknown partial, with its line', async () => {
    const dir = await brokenCopy('email/announcement.html.hbs', atLine(4, '{{> footer}}'));
    const err = await loadError(dir);
    expect(err.message).toContain('email/announcement.html.hbs:4');
    expect(err.message).toContain('unknown partial "footer"');
  });

  it('rejects an unknown translation key when rendering the sample', async () => {
    const dir = await brokenCopy('email/announcement.text.hbs', (src) => src + '{{t "no.such.key"}}\n');
    const err = await loadError(dir);
    expect(err.message).toContain('email/announcement.text.hbs');
    expect(err.message).toContain('no.such.key');
  });

  it('rejects a Slack template that renders invalid JSON', async () => {
    // A hand-written, unescaped string: the sample title holds a `"`-free but `<b>&` text, so
    // break the JSON structurally instead, with a trailing comma.
    const dir = await brokenCopy('slack/announcement.json.hbs', (src) => src.replace(/\n\]\s*$/, ',\n]\n'));
    const err = await loadError(dir);
    expect(err.message).toContain('slack/announcement.json.hbs');
    expect(err.message).toMatch(/invalid JSON/);
  });

  it('rejects a directory missing a required template', async () => {
    const dir = await brokenCopy('email/announcement.text.hbs', (s) => s);
    await unlink(path.join(dir, 'email/announcement.text.hbs'));
    const err = await loadError(dir);
    expect(err.message).toContain('email/announcement.text.hbs');
    expect(err.message).toContain('missing');
  });

  it('rejects a directory that does not exist', async () => {
    const err = await loadError(path.join(tmpdir(), 'heraldo-no-such-dir'));
    expect(err.message).toContain('heraldo-no-such-dir');
  });

  it('keeps two loaded directories independent', async () => {
    const dir = await brokenCopy('partials/departments.hbs', () => 'CUSTOM');
    const custom = await loadTemplates(dir);
    const stock = await loadTemplates();
    const a = { id: '1', title: 'T', body: 'B', priority: 'normal' as const, requireAck: false, publishedAt: new Date(0), expiresAt: null, departments: [], authorName: 'A' };
    const r = { name: 'N', email: 'n@x.test', locale: 'en', timezone: 'UTC' };
    expect(custom.email(a, r, { inboxUrl: 'https://x.test' }).text).toContain('To: CUSTOM');
    expect(stock.email(a, r, { inboxUrl: 'https://x.test' }).text).toContain('To: Everyone');
  });
});
