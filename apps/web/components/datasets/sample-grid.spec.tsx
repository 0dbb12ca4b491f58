import { render, screen } from '@testing-library/react';
import { makeSamples } from '../../test/fixtures/dataset';
import { SampleGrid } from './sample-grid';

describe('SampleGrid', () => {
  it('shows each image from the proxy with its class name and index', () => {
    render(<SampleGrid datasetKey="shapes" samples={makeSamples()} />);
    const images = screen.getAllByRole<HTMLImageElement>('img');
    expect(images.map((img) => img.getAttribute('src'))).toEqual([
      '/api/datasets/shapes/images/train/5.png',
      '/api/datasets/shapes/images/train/17.png',
      '/api/datasets/shapes/images/train/42.png',
    ]);
    expect(images[1]!.alt).toBe('star (train #17)');
    expect(screen.getAllByTestId('sample-label').map((l) => l.textContent)).toEqual(['circle', 'star', 'square']);
    expect(screen.getByText('#42')).toBeTruthy();
    expect(screen.getByTitle('train image #42, label 1')).toBeTruthy();
  });

  it('says so when the split is empty', () => {
    render(<SampleGrid datasetKey="shapes" samples={makeSamples({ split: 'test', total: 0, items: [] })} />);
    expect(screen.getByText('This split has no images.')).toBeTruthy();
  });
});
