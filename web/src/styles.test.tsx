// @vitest-environment jsdom
/// <reference types="node" />
// What styles.css decides that a reader would notice: Markdown headings keep one scale
// (## larger than ###) in the composer's preview and in the inbox alike.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// (jsdom's own URL is not Node's: build the path from the module's file name.)
const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'styles.css'), 'utf8');
let style: HTMLStyleElement;
beforeAll(() => {
  style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
});
afterAll(() => style.remove());

const rem = (el: Element) => {
  const size = getComputedStyle(el).fontSize;
  expect(size, 'a rem size from styles.css').toMatch(/rem$/);
  return parseFloat(size);
};

describe('Markdown heading scale', () => {
  it.each([
    ['the composer preview', '<section class="preview"><h2>Preview</h2><div class="prose">{}</div></section>'],
    ['an inbox item', '<article class="inbox-item"><div class="inbox-body prose">{}</div></article>'],
  ])('in %s, each level is smaller than the one above', (_where, frame) => {
    document.body.innerHTML = frame.replace('{}', '<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4>');
    const prose = document.querySelector('.prose')!;
    const [h1, h2, h3, h4] = ['h1', 'h2', 'h3', 'h4'].map((h) => rem(prose.querySelector(h)!)) as [number, number, number, number];
    expect(h1).toBeGreaterThan(h2);
    expect(h2).toBeGreaterThan(h3);
    expect(h3).toBeGreaterThan(h4);
  });
});
