// @vitest-environment node
/// <reference types="node" />
// WCAG AA contrast for the colour pairs styles.css uses for text (≥ 4.5:1) and for focus
// rings and other UI parts (≥ 3:1). Colours are read from the CSS custom properties.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(fileURLToPath(new URL('./styles.css', import.meta.url)), 'utf8');
const vars = Object.fromEntries([...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));

function color(name: string): string {
  const value = name.startsWith('#') ? name : vars[name];
  if (!value) throw new Error(`unknown colour ${name}`);
  return value;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(color(a)), luminance(color(b))].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

const TEXT_PAIRS: [string, string][] = [
  ['text', 'bg'], ['text', 'surface'], ['text', 'urgent-bg'], ['text', '#eff4ff'],
  ['muted', 'bg'], ['muted', 'surface'], ['muted', 'urgent-bg'], ['muted', '#f3f4f6'],
  ['primary', 'bg'], ['primary', 'surface'], ['primary', '#eff4ff'], ['primary', 'urgent-bg'],
  ['#ffffff', 'primary'], ['#ffffff', 'primary-dark'], ['primary-dark', '#dbeafe'],
  ['urgent', 'surface'], ['urgent', 'urgent-bg'], ['#ffffff', 'urgent'],
  ['high', 'high-bg'], ['high', 'surface'],
  ['ok', 'ok-bg'], ['ok', 'bg'], ['ok', 'surface'], ['ok', 'urgent-bg'],
  ['warn', 'warn-bg'], ['#374151', '#e5e7eb'], ['#1f2937', '#e5e7eb'],
];
const UI_PAIRS: [string, string][] = [
  ['focus', 'surface'], ['focus', 'bg'], ['focus', 'urgent-bg'], ['#ffffff', 'urgent'],
  ['#6b7280', 'surface'], ['urgent', 'surface'],
];

describe('colour contrast (WCAG AA)', () => {
  it.each(TEXT_PAIRS)('text %s on %s is at least 4.5:1', (fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });
  it.each(UI_PAIRS)('UI %s on %s is at least 3:1', (fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(3);
  });
});
