import { render, screen, within } from '@testing-library/react';
import type { TFoldTimings } from '@atelier/domain';
import { makeFoldRun } from '@/test/fixtures/experiment';
import { attemptSeconds, FoldTimeBreakdown } from './fold-time-breakdown';

const timings = (train: number, overrides: Partial<TFoldTimings['phases']> = {}): TFoldTimings => ({
  wallSeconds: train + 4,
  phases: {
    queued: 0.5,
    pickup: 0.25,
    load: 1,
    build: 0.25,
    train,
    validate: 1,
    epochWrites: 0.25,
    batchEvents: 0.25,
    checkpoint: 0,
    record: 0.5,
    ...overrides,
  },
  trainImages: 6_000,
});

describe('FoldTimeBreakdown', () => {
  it('stacks each timed fold by phase, with the seconds in a table and the images per second of wall time against training alone', () => {
    const folds = [
      makeFoldRun({ fold: 0, id: 'f0', status: 'completed', timings: timings(8) }),
      makeFoldRun({ fold: 1, id: 'f1', status: 'completed', timings: timings(16, { record: 0.75 }) }),
      makeFoldRun({ fold: 2, id: 'f2', status: 'running' }),
    ];
    const { container } = render(<FoldTimeBreakdown folds={folds} width={700} />);
    // two folds with timings, one bar segment per non-zero phase (checkpoint is 0)
    expect(container.querySelectorAll('.recharts-bar-rectangle path, .recharts-bar-rectangle rect').length).toBeGreaterThanOrEqual(2 * 9);
    const legend = Array.from(container.querySelectorAll('.recharts-legend-item-text')).map((t) => t.textContent);
    expect(legend).toEqual([
      'waiting for a worker',
      'handing the job to its process',
      'loading rows and data',
      'building the model',
      'training batches',
      'validation',
      'per-epoch writes',
      'batch events and checks',
      'checkpoint',
      'recording the result',
      'other',
    ]);
    const rows = within(screen.getByTestId('fold-time-table'))
      .getAllByRole('row')
      .map((row) => Array.from(row.children).map((cell) => cell.textContent));
    expect(rows[0]).toEqual(['Phase', 'Fold 1', 'Fold 2']);
    expect(rows.find((row) => row[0] === 'training batches')).toEqual(['training batches', '8s', '16s']);
    expect(rows.find((row) => row[0] === 'other')).toEqual(['other', '0.5s', '0.25s']);
    expect(rows.find((row) => row[0] === 'wall time on the worker')).toEqual(['wall time on the worker', '12s', '20s']);
    // 24 s of batches in 32 s on the workers; 12,000 images: 375/s of wall time, 500/s while training
    expect(screen.getByTestId('fold-time-summary').textContent).toBe(
      "75.0% of the folds' time on their workers trained batches · 375 images/s of wall time, 500 images/s while training",
    );
  });

  it('is left out while no fold has finished with its timings', () => {
    const { container } = render(<FoldTimeBreakdown folds={[makeFoldRun({ fold: 0 })]} width={700} />);
    expect(container.innerHTML).toBe('');
  });

  it('counts what the phases leave out of an attempt as "other", the queue wait apart', () => {
    expect(attemptSeconds(timings(8))).toEqual({ spent: 11.5, other: 0.5 });
  });
});
