import { act, render } from '@testing-library/react';
import { ElapsedTime } from './elapsed-time';

describe('ElapsedTime', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-12-07T12:00:05Z'));
  });
  afterEach(() => jest.useRealTimers());

  it('shows a closed span as it is, without a clock', () => {
    const { container } = render(<ElapsedTime start="2026-12-07T11:58:00Z" end="2026-12-07T11:59:30Z" />);
    expect(container.textContent).toBe('1m 30s');
    act(() => jest.advanceTimersByTime(5000));
    expect(container.textContent).toBe('1m 30s');
  });

  it('counts an open span up every second', () => {
    const { container } = render(<ElapsedTime start="2026-12-07T12:00:00Z" end={null} />);
    expect(container.textContent).toBe('5s');
    act(() => jest.advanceTimersByTime(2000));
    expect(container.textContent).toBe('7s');
  });

  it('stops counting when the span closes', () => {
    const { container, rerender } = render(<ElapsedTime start="2026-12-07T12:00:00Z" end={null} />);
    rerender(<ElapsedTime start="2026-12-07T12:00:00Z" end="2026-12-07T12:00:06Z" />);
    act(() => jest.advanceTimersByTime(3000));
    expect(container.textContent).toBe('6s');
  });

  it('shows a dash for a span not started', () => {
    expect(render(<ElapsedTime start={null} end={null} />).container.textContent).toBe('—');
  });
});
