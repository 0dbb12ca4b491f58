import { screen } from '@testing-library/react';
import type { TExperimentListQueryInput } from '@atelier/domain';
import { makeSummary } from '../../test/fixtures/experiment';
import { fakeApi } from '../../test/fixtures/api';
import { renderWithQuery } from '../../test/query';
import ExperimentsPage from './page';

const listExperiments = jest.fn();
jest.mock('@/lib/server-api', () => ({
  serverApi: () => Promise.resolve(fakeApi({ listExperiments, listDatasets: () => Promise.resolve([]) })),
}));
jest.mock('next/navigation', () => ({ useRouter: () => ({ refresh: jest.fn() }) }));

async function renderPage(params: Record<string, string>) {
  renderWithQuery(await ExperimentsPage({ searchParams: Promise.resolve(params) }));
}

describe('experiments page', () => {
  beforeEach(() => listExperiments.mockReset());

  it('asks the API for the URL’s sort, filters and page, and keeps them in its links', async () => {
    listExperiments.mockResolvedValue({ total: 45, items: [makeSummary({ id: 'e1', name: 'Sweep' })] });
    await renderPage({ sort: 'name', order: 'desc', status: 'completed', dataset: 'mnist', q: 'sweep', page: '2' });
    expect(listExperiments).toHaveBeenCalledWith({
      limit: 20,
      offset: 20,
      sort: 'name',
      order: 'desc',
      status: 'completed',
      dataset: 'mnist',
      q: 'sweep',
    } satisfies TExperimentListQueryInput);
    expect(screen.getByTestId('experiments-total').textContent).toBe('45 in total');
    expect(screen.getByRole('link', { name: /completed/i }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: /running/i }).getAttribute('href')).toBe(
      '/experiments?sort=name&order=desc&status=running&dataset=mnist&q=sweep',
    );
    expect(screen.getByRole('link', { name: /Next/ }).getAttribute('href')).toBe(
      '/experiments?sort=name&order=desc&status=completed&dataset=mnist&q=sweep&page=3',
    );
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('says which filters matched nothing and links to the list without them', async () => {
    listExperiments.mockResolvedValue({ total: 0, items: [] });
    await renderPage({ sort: 'bestValAccuracy', strategy: 'asha', q: 'nothing', dataset: '' });
    expect(screen.getByRole('heading', { name: 'No matching experiments' })).toBeTruthy();
    expect(screen.getByText('No experiment matches strategy ASHA, “nothing” in the name or description.')).toBeTruthy();
    const clear = screen.getAllByRole('link', { name: 'Clear filters' });
    expect(clear.map((link) => link.getAttribute('href'))).toEqual([
      '/experiments?sort=bestValAccuracy',
      '/experiments?sort=bestValAccuracy',
    ]);
  });

  it('tells a page past the end from an empty project', async () => {
    listExperiments.mockResolvedValue({ total: 3, items: [] });
    await renderPage({ page: '5' });
    expect(screen.getByRole('heading', { name: 'Nothing on this page' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the first page' }).getAttribute('href')).toBe('/experiments');
  });
});
