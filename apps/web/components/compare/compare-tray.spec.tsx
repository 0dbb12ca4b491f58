import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CompareTray } from './compare-tray';
import { TRAY_STORAGE_KEY, type TrayItem } from './compare-tray-state';

const ITEMS: TrayItem[] = [
  { id: 'a', label: 'Search #1', source: 'search' },
  { id: 'b', label: 'Search #2', source: 'search' },
  { id: 'c', label: 'Search #3', source: 'search' },
];

function renderTray(items: TrayItem[] = ITEMS) {
  window.localStorage.setItem(TRAY_STORAGE_KEY, JSON.stringify(items));
  return render(
    <>
      <main id="main" tabIndex={-1}>
        page
      </main>
      <CompareTray />
    </>,
  );
}

const toggle = () => screen.getByRole('button', { name: /to compare$/ });
const removeButtons = () => screen.queryAllByRole('button', { name: /^Remove / });

describe('CompareTray from the keyboard', () => {
  beforeEach(() => window.localStorage.clear());

  it('folds and unfolds its picks with Enter and Space on its count, and folds them with Escape', async () => {
    const user = userEvent.setup();
    renderTray();
    await user.tab();
    expect(document.activeElement).toBe(toggle());
    expect(toggle().textContent).toBe('▾3 trials to compare');
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    const list = document.getElementById(toggle().getAttribute('aria-controls')!)!;
    expect(list.hidden).toBe(false);

    await user.keyboard('{Enter}');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(list.hidden).toBe(true);
    // folded, the picks' buttons are out of the tab order: the next stop is Clear
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Clear');

    await user.tab({ shift: true });
    await user.keyboard(' ');
    expect(toggle().getAttribute('aria-expanded')).toBe('true');

    await user.tab();
    expect(document.activeElement).toBe(removeButtons()[0]);
    await user.keyboard('{Escape}');
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle());
  });

  it('removes a pick with Enter and moves the focus to the next pick, then to the main content once empty', async () => {
    const user = userEvent.setup();
    renderTray();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove Search #2 from the comparison');
    await user.keyboard('{Enter}');
    expect(removeButtons().map((b) => b.getAttribute('aria-label'))).toEqual([
      'Remove Search #1 from the comparison',
      'Remove Search #3 from the comparison',
    ]);
    expect(JSON.parse(window.localStorage.getItem(TRAY_STORAGE_KEY)!)).toEqual([ITEMS[0], ITEMS[2]]);
    // the pick that took its place
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove Search #3 from the comparison');
    expect(toggle().textContent).toBe('▾2 trials to compare');

    // the last one of the list: the focus goes back to the one before
    await user.keyboard('{Enter}');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove Search #1 from the comparison');
    expect(screen.getByText('Pick at least one more')).toBeTruthy();

    await user.keyboard('{Enter}');
    expect(screen.queryByTestId('compare-tray')).toBeNull();
    expect(document.activeElement?.id).toBe('main');
  });

  it('clears every pick from the keyboard and leaves the focus on the main content', async () => {
    const user = userEvent.setup();
    renderTray();
    screen.getByRole('button', { name: 'Clear' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByTestId('compare-tray')).toBeNull();
    expect(window.localStorage.getItem(TRAY_STORAGE_KEY)).toBe('[]');
    expect(document.activeElement?.id).toBe('main');
  });

  it('follows picks made elsewhere (another component or tab writing the store)', () => {
    renderTray([ITEMS[0]!]);
    expect(toggle().textContent).toBe('▾1 trial to compare');
    act(() => {
      window.localStorage.setItem(TRAY_STORAGE_KEY, JSON.stringify(ITEMS));
      window.dispatchEvent(new Event('storage'));
    });
    expect(removeButtons()).toHaveLength(3);
  });
});
