// @vitest-environment node
/// <reference types="node" />
// WCAG AA contrast for the colour pairs styles.css uses for text (≥ 4.5:1) and for focus
// rings and other UI parts (≥ 3:1), in the light palette and in the dark one (the system's
// dark mode). Colours are read from the CSS custom properties: the light ones from the :root
// blocks, the dark ones from the prefers-color-scheme: dark block over them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('./styles.css', import.meta.url)), 'utf8');
const DARK = '@media (prefers-color-scheme: dark)';
const darkStart = css.indexOf(DARK);
const readVars = (text: string) => Object.fromEntries([...text.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
/** The dark block: from its opening brace to the brace that closes it. */
function darkBlock(): string {
  if (darkStart < 0) return '';
  let depth = 0;
  for (let i = css.indexOf('{', darkStart); i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return css.slice(darkStart, i + 1);
  }
  throw new Error('unclosed dark block');
}
const dark = darkBlock();
const lightVars = readVars(css.replace(dark, ''));
const PALETTES: Record<string, Record<string, string>> = { light: lightVars, dark: { ...lightVars, ...readVars(dark) } };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(vars: Record<string, string>, a: string, b: string): number {
  const color = (name: string) => {
    const value = vars[name];
    if (!value) throw new Error(`unknown colour ${name}`);
    return value;
  };
  const [l1, l2] = [luminance(color(a)), luminance(color(b))].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

const TEXT_PAIRS: [string, string][] = [
  ['text', 'bg'], ['text', 'surface'], ['text', 'urgent-bg'], ['text', 'hover-bg'],
  ['muted', 'bg'], ['muted', 'surface'], ['muted', 'urgent-bg'], ['muted', 'code-bg'],
  ['primary', 'bg'], ['primary', 'surface'], ['primary', 'hover-bg'], ['primary', 'urgent-bg'],
  ['on-primary', 'primary'], ['on-primary', 'primary-dark'], ['primary-dark', 'scheduled-bg'],
  ['urgent', 'surface'], ['urgent', 'urgent-bg'], ['on-urgent', 'urgent'],
  ['high', 'high-bg'], ['high', 'surface'],
  ['ok', 'ok-bg'], ['ok', 'bg'], ['ok', 'surface'], ['ok', 'urgent-bg'],
  ['warn', 'warn-bg'], ['chip-muted', 'chip-bg'], ['chip-text', 'chip-bg'], ['text', 'code-bg'],
];
const UI_PAIRS: [string, string][] = [
  ['focus', 'surface'], ['focus', 'bg'], ['focus', 'urgent-bg'], ['on-urgent', 'urgent'],
  ['input-border', 'surface'], ['urgent', 'surface'],
];

describe('colour contrast (WCAG AA)', () => {
  it('has a dark palette that follows the system setting', () => {
    expect(dark).toContain(':root');
    expect(Object.keys(readVars(dark)).length).toBeGreaterThan(15);
    // Every colour the light palette names is given a dark value, or the rules above would
    // keep a light colour on a dark page.
    expect(Object.keys(lightVars).filter((k) => !(k in readVars(dark)))).toEqual([]);
  });
  for (const [palette, vars] of Object.entries(PALETTES)) {
    it.each(TEXT_PAIRS)(`${palette}: text %s on %s is at least 4.5:1`, (fg, bg) => {
      expect(contrast(vars, fg, bg)).toBeGreaterThanOrEqual(4.5);
    });
    it.each(UI_PAIRS)(`${palette}: UI %s on %s is at least 3:1`, (fg, bg) => {
      expect(contrast(vars, fg, bg)).toBeGreaterThanOrEqual(3);
    });
  }
});
