// Where focus goes when what held it goes away (a form replaced by a page, a button replaced
// by a message): somewhere meaningful, never `<body>`, where screen readers lose their place.

/** Focuses `el` even if it is not focusable by itself (tabindex -1: reachable by script only). */
export function focusElement(el: HTMLElement | null | undefined, options: FocusOptions = {}): boolean {
  if (!el || !el.isConnected) return false;
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1');
  el.focus(options);
  return document.activeElement === el;
}

/** The current page's main heading, else the main landmark. */
export function focusPageHeading(): void {
  const main = document.getElementById('main');
  if (!focusElement(main?.querySelector<HTMLElement>('h1'))) focusElement(main);
}
