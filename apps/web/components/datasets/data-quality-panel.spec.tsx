import { render, screen, within } from '@testing-library/react';
import { makeDatasetDetail } from '../../test/fixtures/dataset';
import { DataQualityPanel } from './data-quality-panel';

describe('DataQualityPanel', () => {
  it('says plainly when there are no duplicates or broken rows', () => {
    render(<DataQualityPanel detail={makeDatasetDetail()} />);
    expect(screen.getByText('No two of the 120 images have identical pixels.')).toBeTruthy();
    const rows = within(screen.getByRole('table'))
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(['SplitBlank (all 0)ConstantLabel out of range', 'train000', 'test000']);
  });

  it('counts duplicates and anomalies and shows the images concerned', () => {
    const detail = makeDatasetDetail({
      duplicates: {
        groupCount: 2,
        imagesInGroups: 5,
        redundantImages: 3,
        crossSplitGroups: 1,
        testImagesSeenInTrain: 1,
        conflictingLabelGroups: 1,
        examples: [
          {
            hash: 'a',
            size: 2,
            crossSplit: false,
            conflictingLabels: true,
            members: [
              { split: 'train', index: 3, label: 0, source: { file: 'shapes.csv', line: 12, record: 10 } },
              { split: 'train', index: 9, label: 2, source: { file: 'shapes.csv', line: 40, record: 38 } },
            ],
          },
          {
            hash: 'b',
            size: 3,
            crossSplit: true,
            conflictingLabels: false,
            members: [
              { split: 'train', index: 1, label: 1, source: { file: 'shapes-idx', line: null, record: 1 } },
              { split: 'train', index: 4, label: 1, source: null },
              { split: 'test', index: 0, label: 1, source: { file: 'test.csv', line: 2, record: 0 } },
            ],
          },
        ],
      },
      anomalies: {
        train: { empty: 2, constant: 1, invalidLabel: 0, examples: [7, 8, 11] },
        test: { empty: 0, constant: 0, invalidLabel: 0, examples: [] },
      },
    });
    render(<DataQualityPanel detail={detail} />);
    const facts = Array.from(screen.getByTestId('data-quality').querySelectorAll('.facts > div')).map((d) => d.textContent);
    expect(facts).toEqual(['Duplicate groups2', 'Redundant images3', 'Test images also in train1', 'Groups with conflicting labels1']);
    expect(screen.getByText('2 copies')).toBeTruthy();
    expect(screen.getByText(/· conflicting labels/).tagName).toBe('STRONG');
    expect(screen.getByText('3 copies · train and test')).toBeTruthy();
    expect(screen.getByAltText('test #0: square').getAttribute('src')).toBe('/api/datasets/shapes/images/test/0.png');
    expect(screen.getByAltText('train #9: star')).toBeTruthy();
    // each member says which split and which line of the upload it is
    const captions = Array.from(screen.getByTestId('data-quality').querySelectorAll('figcaption')).map((c) => c.textContent);
    expect(captions.slice(0, 5)).toEqual([
      'circletrain #3 · shapes.csv line 12',
      'startrain #9 · shapes.csv line 40',
      'squaretrain #1 · shapes-idx image 1',
      'squaretrain #4',
      'squaretest #0 · test.csv line 2',
    ]);
    const rows = within(screen.getByRole('table'))
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows[1]).toBe('train210');
    expect(within(screen.getByLabelText('Affected train images')).getAllByRole('img')).toHaveLength(3);
  });
});
