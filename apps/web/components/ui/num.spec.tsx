import { render, screen } from '@testing-library/react';
import { Num } from './num';

describe('Num', () => {
  it('shows 3 significant digits and the full value on hover', () => {
    render(
      <p>
        <Num value={0.00189642} testId="a" />
        <Num value={0.91234} kind="percent" testId="b" />
        <Num value={0.8512} std={0.0123} kind="accuracy" testId="c" />
        <Num value={null} testId="d" />
        <Num value={235_146} kind="compact" testId="f" />
        <Num value={0.5} kind="percent" testId="e" />
      </p>,
    );
    expect(screen.getByTestId('a').textContent).toBe('0.00190');
    expect(screen.getByTestId('a').getAttribute('title')).toBe('0.00189642');
    expect(screen.getByTestId('b').textContent).toBe('91.2%');
    expect(screen.getByTestId('b').getAttribute('title')).toBe('91.234%');
    expect(screen.getByTestId('c').textContent).toBe('85.1% ± 1.23');
    expect(screen.getByTestId('c').getAttribute('title')).toBe('85.12% ± 1.23 percentage points');
    expect(screen.getByTestId('d').textContent).toBe('—');
    expect(screen.getByTestId('d').getAttribute('title')).toBeNull();
    expect(screen.getByTestId('f').textContent).toBe('235K');
    expect(screen.getByTestId('f').getAttribute('title')).toBe('235,146');
    // nothing more to show: 50.0% is exactly 50%
    expect(screen.getByTestId('e').getAttribute('title')).toBe('50%');
  });

  it('names NaN and the infinities, from numbers or from the wire, instead of a dash', () => {
    render(
      <p>
        <Num value={Number.NaN} testId="nan" />
        <Num value="Infinity" testId="inf" />
        <Num value="-Infinity" kind="percent" testId="minus" />
        <Num value="NaN" kind="accuracy" std={0.01} testId="acc" />
        <Num value={0} testId="zero" />
      </p>,
    );
    expect(screen.getByTestId('nan').textContent).toBe('NaN');
    expect(screen.getByTestId('nan').getAttribute('title')).toBe('not a number');
    expect(screen.getByTestId('inf').textContent).toBe('Infinity');
    expect(screen.getByTestId('minus').textContent).toBe('-Infinity');
    expect(screen.getByTestId('acc').textContent).toBe('NaN');
    expect(screen.getByTestId('zero').textContent).toBe('0');
  });
});
