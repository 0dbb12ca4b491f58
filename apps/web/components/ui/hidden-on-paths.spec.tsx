import { render, screen } from '@testing-library/react';
import { HiddenOnPaths } from './hidden-on-paths';

let pathname = '/experiments';
jest.mock('next/navigation', () => ({ usePathname: () => pathname }));

describe('HiddenOnPaths', () => {
  it('hides the compare tray on the compare page and shows it elsewhere', () => {
    pathname = '/compare';
    const { rerender } = render(
      <HiddenOnPaths paths={['/compare']}>
        <aside data-testid="tray" />
      </HiddenOnPaths>,
    );
    expect(screen.queryByTestId('tray')).toBeNull();
    pathname = '/experiments/abc';
    rerender(
      <HiddenOnPaths paths={['/compare']}>
        <aside data-testid="tray" />
      </HiddenOnPaths>,
    );
    expect(screen.getByTestId('tray')).toBeTruthy();
  });
});
