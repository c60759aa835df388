// Where focus goes when what held it goes away (a form replaced by a page, a button replaced
// by a message): somewhere meaningful, never `<body>`, where screen readers lose their place.
import { useEffect, useRef, useState, type RefObject } from 'react';

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

/**
 * After "Load more": focus the first newly loaded item once it has rendered, else `fallback`
 * (the list's end note). Call the returned function with the index of that item (how many
 * were shown before); `items` finds the focus targets, in order, in the rendered list.
 */
export function useFocusNewItem(items: () => ArrayLike<HTMLElement> | undefined, fallback?: RefObject<HTMLElement | null>): (index: number) => void {
  const [index, setIndex] = useState<number | null>(null);
  const find = useRef(items);
  find.current = items;
  useEffect(() => {
    if (index === null) return;
    setIndex(null);
    if (!focusElement(find.current()?.[index])) focusElement(fallback?.current);
  }, [index, fallback]);
  return setIndex;
}
