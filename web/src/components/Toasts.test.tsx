// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../test-utils';
import { addToast, MAX_TOASTS, TOAST_MS, type Toast } from '../state/useToasts';
import { useState } from 'react';
import { Toasts, ToastSkipLink } from './Toasts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const normal: Toast = { id: '1', title: 'Lunch is served', priority: 'normal' };
const urgent: Toast = { id: '2', title: 'Evacuate building B', priority: 'urgent' };

describe('Toasts', () => {
  it('lives in a polite region; urgent toasts are alerts and stay, others auto-dismiss', () => {
    vi.useFakeTimers();
    const onDismiss = vi.fn();
    renderWithI18n(<Toasts toasts={[normal, urgent]} onDismiss={onDismiss} onOpen={vi.fn()} />);
    const toasts = screen.getAllByTestId('toast');
    expect(toasts).toHaveLength(2);
    expect(toasts[0]!.closest('[aria-live]')!.getAttribute('aria-live')).toBe('polite');
    expect(toasts[0]!.getAttribute('role')).toBeNull();
    expect(toasts[1]!.getAttribute('role')).toBe('alert');
    act(() => void vi.advanceTimersByTime(TOAST_MS + 10));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(onDismiss).toHaveBeenCalledWith('1');
    act(() => void vi.advanceTimersByTime(60_000));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('pauses the timer while hovered and dismisses on request', () => {
    vi.useFakeTimers();
    const onDismiss = vi.fn();
    const onOpen = vi.fn();
    renderWithI18n(<Toasts toasts={[normal]} onDismiss={onDismiss} onOpen={onOpen} />);
    fireEvent.mouseEnter(screen.getByTestId('toast'));
    act(() => void vi.advanceTimersByTime(TOAST_MS * 2));
    expect(onDismiss).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(onOpen).toHaveBeenCalledWith('1');
    fireEvent.click(screen.getByRole('button', { name: /Dismiss/ }));
    expect(onDismiss).toHaveBeenCalledWith('1');
  });

  it('keeps one toast per notification and drops the oldest non-urgent beyond the limit', () => {
    let list: Toast[] = [urgent];
    for (let i = 10; i < 10 + MAX_TOASTS + 2; i++) list = addToast(list, { id: String(i), title: 't', priority: 'normal' });
    list = addToast(list, { ...urgent });
    expect(list).toHaveLength(MAX_TOASTS);
    expect(list[0]).toEqual(urgent);
    expect(list.at(-1)!.id).toBe(String(10 + MAX_TOASTS + 1));
  });

  it('has a skip link to it, and dismissing moves focus to the next toast, then back', () => {
    function Harness() {
      const [list, setList] = useState<Toast[]>([urgent, { ...urgent, id: '3', title: 'Second' }]);
      return (
        <>
          <ToastSkipLink count={list.length} />
          <button type="button">Before</button>
          <Toasts toasts={list} onDismiss={(id) => setList((l) => l.filter((x) => x.id !== id))} onOpen={vi.fn()} />
        </>
      );
    }
    renderWithI18n(<Harness />);
    const skip = screen.getByTestId('toasts-skip-link');
    expect(skip.textContent).toBe('Go to new notifications (2)');
    screen.getByRole('button', { name: 'Before' }).focus();
    fireEvent.click(skip);
    const [first] = screen.getAllByTestId('toast');
    expect(document.activeElement).toBe(first!.querySelector('button'));
    fireEvent.focus(first!.querySelector('button')!, { relatedTarget: screen.getByRole('button', { name: 'Before' }) });

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Evacuate building B' }));
    expect(screen.getAllByTestId('toast')).toHaveLength(1);
    expect(document.activeElement!.closest('[data-testid="toast"]')!.getAttribute('data-id')).toBe('3');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Second' }));
    expect(screen.queryByTestId('toast')).toBeNull();
    expect(screen.queryByTestId('toasts-skip-link')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Before' }));
  });
});
