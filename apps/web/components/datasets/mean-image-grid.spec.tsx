import { render, screen } from '@testing-library/react';
import { makeMeanImages } from '../../test/fixtures/dataset';
import { MeanImageGrid } from './mean-image-grid';

describe('MeanImageGrid', () => {
  it('draws one grayscale image per class with its name and count', () => {
    render(<MeanImageGrid means={makeMeanImages()} size={64} />);
    const images = screen.getAllByRole('img');
    expect(images.map((img) => img.getAttribute('aria-label'))).toEqual([
      'Mean image of circle',
      'Mean image of square',
      'Mean image of star',
    ]);
    // class 0 is all black: only the background; class 1 has its 4 diagonal pixels at 0.5 gray
    expect(images[0]!.querySelectorAll('rect')).toHaveLength(1);
    const square = Array.from(images[1]!.querySelectorAll('rect')).slice(1);
    expect(square.map((r) => [r.getAttribute('x'), r.getAttribute('y'), r.getAttribute('fill')])).toEqual([
      ['0', '0', '#808080'],
      ['1', '1', '#808080'],
      ['2', '2', '#808080'],
      ['3', '3', '#808080'],
    ]);
    expect(images[2]!.querySelector('rect:nth-of-type(2)')!.getAttribute('fill')).toBe('#ffffff');
    expect(images[0]!.getAttribute('width')).toBe('64');
    expect(screen.getAllByText('30 images')).toHaveLength(2);
    expect(screen.getByText('no images')).toBeTruthy();
  });
});
