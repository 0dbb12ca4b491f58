import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { DatasetsClient, SamplesQuery } from '@/lib/datasets-client';
import { makeSamples } from '@/test/fixtures/dataset';
import { renderWithQuery } from '@/test/query';
import { SampleExplorer } from './sample-explorer';

const status = () => screen.getByText(/seed \d+$|Loading…/).textContent;

describe('SampleExplorer', () => {
  it('shows the server’s draw, reads a new one per shuffle or class, and serves a draw seen before from the cache', async () => {
    const getSamples = jest.fn((_key: string, query: SamplesQuery) =>
      Promise.resolve(makeSamples({ seed: query.seed ?? 0, label: query.label ?? null, total: query.label === undefined ? 90 : 30 })),
    );
    const client = { getSamples } as unknown as DatasetsClient;
    renderWithQuery(
      <SampleExplorer datasetKey="shapes" classNames={['circle', 'square', 'star']} initial={makeSamples()} client={client} />,
    );
    expect(status()).toBe('3 of 90 · seed 0');
    expect(getSamples).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Shuffle' }));
    await waitFor(() => expect(status()).toBe('3 of 90 · seed 1'));
    expect(getSamples).toHaveBeenLastCalledWith('shapes', { split: 'train', seed: 1, count: 24, label: undefined });

    fireEvent.change(screen.getByLabelText('Class'), { target: { value: '2' } });
    await waitFor(() => expect(status()).toBe('3 of 30 · seed 1'));
    expect(getSamples).toHaveBeenLastCalledWith('shapes', { split: 'train', seed: 1, count: 24, label: 2 });

    fireEvent.change(screen.getByLabelText('Class'), { target: { value: '' } });
    expect(status()).toBe('3 of 90 · seed 1');
    expect(getSamples).toHaveBeenCalledTimes(2);
  });

  it('keeps the last grid and says why when a draw fails', async () => {
    const getSamples = jest.fn((_key: string, query: SamplesQuery) =>
      query.seed === 1
        ? Promise.resolve(makeSamples({ seed: 1, items: makeSamples().items.slice(0, 2) }))
        : Promise.reject(new Error('The API answered 503')),
    );
    const client = { getSamples } as unknown as DatasetsClient;
    renderWithQuery(
      <SampleExplorer datasetKey="shapes" classNames={['circle', 'square', 'star']} initial={makeSamples()} client={client} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Shuffle' }));
    await waitFor(() => expect(status()).toBe('2 of 90 · seed 1'));
    fireEvent.click(screen.getByRole('button', { name: 'Shuffle' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot load samples: The API answered 503');
    // the grid of seed 1, not the server's first one
    expect(screen.getAllByRole('img')).toHaveLength(2);
  });
});
