import { render, screen, within } from '@testing-library/react';
import type { TProjectUsage } from '@atelier/domain';
import { UsagePanel } from './usage-panel';

const usage: TProjectUsage = {
  total: { experiments: 3, runs: 12, metricPoints: 48_000, evaluations: 4, models: 2, modelBytes: 2_400_000, files: 5, fileBytes: 10_240 },
  trash: { experiments: 1, runs: 4, metricPoints: 16_000, evaluations: 0, models: 1, modelBytes: 1_200_000, files: 0, fileBytes: 0 },
  experiments: [
    {
      id: 'e1',
      name: 'fashion grid',
      kind: 'search',
      deletedAt: null,
      runs: 8,
      metricPoints: 32_000,
      evaluations: 4,
      models: 1,
      modelBytes: 1_200_000,
      files: 5,
      fileBytes: 10_240,
    },
    {
      id: 'e2',
      name: 'old sweep',
      kind: 'search',
      deletedAt: '2026-12-01T00:00:00.000Z',
      runs: 4,
      metricPoints: 16_000,
      evaluations: 0,
      models: 1,
      modelBytes: 1_200_000,
      files: 0,
      fileBytes: 0,
    },
  ],
  retentionDays: 30,
};

describe('UsagePanel', () => {
  it('shows what is stored beside what purging the trash frees, and the largest experiments', () => {
    render(<UsagePanel usage={usage} />);
    const rows = within(screen.getByTestId('usage-table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => Array.from(row.children).map((cell) => cell.textContent))).toEqual([
      ['Experiments', '3', '1'],
      ['Runs', '12', '4'],
      ['Metric points', '48,000', '16,000'],
      ['Evaluations', '4', '0'],
      ['Models', '2 (2.4MB)', '1 (1.2MB)'],
      ['Files', '5 (10.2KB)', '0 (0B)'],
    ]);
    const experiments = within(screen.getByTestId('usage-experiments')).getAllByRole('row').slice(1);
    expect(experiments.map((row) => row.querySelector('th')?.textContent)).toEqual(['fashion grid', 'old sweep (in the trash)']);
    expect(screen.getByRole('link', { name: 'fashion grid' }).getAttribute('href')).toBe('/experiments/e1');
    expect(screen.queryByRole('link', { name: /old sweep/ })).toBeNull();
  });
});
