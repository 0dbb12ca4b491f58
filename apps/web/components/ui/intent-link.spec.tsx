import { fireEvent, render, screen } from '@testing-library/react';
import { IntentLink } from './intent-link';

const prefetch = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ prefetch }) }));

describe('IntentLink', () => {
  beforeEach(() => prefetch.mockClear());

  it('prefetches its route on hover, focus and touch, never merely for being rendered', () => {
    const onFocus = jest.fn();
    render(
      <IntentLink href="/datasets" className="nav" onFocus={onFocus}>
        Datasets
      </IntentLink>,
    );
    const link = screen.getByRole('link', { name: 'Datasets' });
    expect([link.getAttribute('href'), link.className]).toEqual(['/datasets', 'nav']);
    expect(prefetch).not.toHaveBeenCalled();
    fireEvent.mouseEnter(link);
    fireEvent.focus(link);
    fireEvent.touchStart(link);
    expect(prefetch.mock.calls).toEqual([['/datasets'], ['/datasets'], ['/datasets']]);
    // the caller's own handler still runs
    expect(onFocus).toHaveBeenCalledTimes(1);
  });
});
