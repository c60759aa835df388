// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EmailFrame } from './EmailFrame';

afterEach(cleanup);

/** jsdom lays nothing out: give the framed body the height a browser would compute. */
function layOut(frame: HTMLIFrameElement, height: number) {
  const body = frame.contentDocument!.body;
  Object.defineProperty(body, 'scrollHeight', { configurable: true, value: height });
}

describe('EmailFrame', () => {
  it('takes the height of the email it shows, and again after a resize', () => {
    render(<EmailFrame html="<p>Hello</p>" title="Email preview" />);
    const frame = screen.getByTitle('Email preview') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin'); // never allow-scripts
    expect(frame.style.height).toBe('');
    layOut(frame, 1234);
    fireEvent.load(frame);
    expect(frame.style.height).toBe('1236px');
    layOut(frame, 1900); // a phone: the same email wraps onto more lines
    fireEvent(window, new Event('resize'));
    expect(frame.style.height).toBe('1902px');
  });
});
