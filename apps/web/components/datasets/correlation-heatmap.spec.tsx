import { fireEvent, render, screen } from '@testing-library/react';
import { viridis } from './pixel-colors';
import { makeCorrelation } from '../../test/fixtures/dataset';
import { CorrelationHeatmap } from './correlation-heatmap';

describe('CorrelationHeatmap', () => {
  it('colours each pixel by η on a fixed 0–1 viridis scale and names the strongest pixel', () => {
    render(<CorrelationHeatmap map={makeCorrelation()} size={200} />);
    const svg = screen.getByRole('img', { name: 'Correlation ratio of each pixel with the class' });
    const rects = Array.from(svg.querySelectorAll('rect'));
    expect(rects[0]!.getAttribute('fill')).toBe(viridis(0)); // background
    // 4 columns of 0 are background; the other 12 pixels are drawn
    expect(rects).toHaveLength(13);
    const fill = (x: number, y: number) =>
      rects.find((r) => r.getAttribute('x') === String(x) && r.getAttribute('y') === String(y))?.getAttribute('fill');
    expect(fill(1, 1)).toBe(viridis(0.25));
    expect(fill(3, 2)).toBe(viridis(0.75));
    expect(fill(3, 0)).toBe(viridis(0.8));
    expect(screen.getByTestId('correlation-readout').textContent).toBe('Strongest: η = 0.800 at row 1, column 4');
    expect(screen.getByText(/η rather than Pearson’s r/)).toBeTruthy();
  });

  it('reads out the pixel under the pointer', () => {
    render(<CorrelationHeatmap map={makeCorrelation()} size={200} />);
    const area = screen.getByRole('img').parentElement!;
    area.getBoundingClientRect = () => ({
      left: 0,
      top: 0,
      width: 200,
      height: 200,
      right: 200,
      bottom: 200,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    fireEvent.mouseMove(area, { clientX: 110, clientY: 160 }); // column 3, row 4
    expect(screen.getByTestId('correlation-readout').textContent).toBe('Row 4, column 3: η = 0.500');
    fireEvent.mouseLeave(area);
    expect(screen.getByTestId('correlation-readout').textContent).toMatch(/^Strongest/);
  });
});
