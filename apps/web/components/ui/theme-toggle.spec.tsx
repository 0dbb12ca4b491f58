import { runInNewContext } from 'node:vm';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { THEME_STORAGE_KEY, themeInitScript } from './theme';
import { ThemeToggle } from './theme-toggle';

/** jsdom has no matchMedia: a system setting the test can flip, with its change listeners. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    get matches() {
      return dark;
    },
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  };
  window.matchMedia = jest.fn().mockReturnValue(query);
  return {
    set(next: boolean) {
      dark = next;
      listeners.forEach((listener) => {
        listener();
      });
    },
  };
}

const theme = () => document.documentElement.dataset.theme;

beforeEach(() => {
  window.localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('ThemeToggle', () => {
  it('follows the system until a theme is chosen, then keeps the choice in localStorage', () => {
    const system = fakeSystem(true);
    render(<ThemeToggle />);
    const select = screen.getByLabelText<HTMLSelectElement>('Theme');
    expect(select.value).toBe('system');
    expect(theme()).toBe('dark');

    act(() => {
      system.set(false);
    });
    expect(theme()).toBe('light');

    fireEvent.change(select, { target: { value: 'dark' } });
    expect(select.value).toBe('dark');
    expect(theme()).toBe('dark');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('"dark"');

    // a chosen theme no longer moves with the system
    act(() => {
      system.set(false);
    });
    expect(theme()).toBe('dark');
  });

  it('starts from the stored choice', () => {
    fakeSystem(true);
    window.localStorage.setItem(THEME_STORAGE_KEY, '"light"');
    render(<ThemeToggle />);
    expect(screen.getByLabelText<HTMLSelectElement>('Theme').value).toBe('light');
    expect(theme()).toBe('light');
  });
});

describe('themeInitScript', () => {
  const run = () => {
    // the string app/layout.tsx inlines in <head>, run against this page's globals as the browser would
    runInNewContext(themeInitScript, { window, document, localStorage: window.localStorage });
  };

  it('applies the stored theme, or the system one when nothing (or junk) is stored', () => {
    fakeSystem(true);
    run();
    expect(theme()).toBe('dark');

    window.localStorage.setItem(THEME_STORAGE_KEY, '"light"');
    run();
    expect(theme()).toBe('light');

    window.localStorage.setItem(THEME_STORAGE_KEY, 'not json');
    run();
    expect(theme()).toBe('dark');
  });
});
