import { render, screen } from '@testing-library/react';
import { INITIAL_LIST_STATE } from './experiment-list';
import { ExperimentFilters } from './experiment-filters';

const datasets = [
  { key: 'fashion-mnist', name: 'Fashion-MNIST' },
  { key: 'mnist', name: 'mnist' },
];

describe('ExperimentFilters', () => {
  it('is a GET form on /experiments that carries the sort and status tab and shows the current filters', () => {
    render(
      <ExperimentFilters
        state={{
          ...INITIAL_LIST_STATE,
          sort: 'name',
          order: 'desc',
          status: ['running', 'queued'],
          dataset: 'my-digits',
          strategy: 'asha',
          q: 'lr sweep',
          page: 4,
        }}
        datasets={datasets}
      />,
    );
    const form = screen.getByRole('search');
    expect(form.getAttribute('method')).toBe('get');
    expect(form.getAttribute('action')).toBe('/experiments');
    const fields = Object.fromEntries(new FormData(form as HTMLFormElement));
    // no page: a new search starts at page 1
    expect(fields).toEqual({
      sort: 'name',
      order: 'desc',
      status: 'running,queued',
      q: 'lr sweep',
      dataset: 'my-digits',
      strategy: 'asha',
    });
    // a dataset from the URL that the list does not know is still offered
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'any',
      'Fashion-MNIST (fashion-mnist)',
      'mnist',
      'my-digits',
      'any',
      'Grid',
      'Random',
      'ASHA',
      'Hyperband',
      'TPE',
    ]);
    expect(screen.getByRole('link', { name: 'Clear filters' }).getAttribute('href')).toBe('/experiments?sort=name&order=desc');
  });

  it('leaves default sorting out and offers no clear link without filters', () => {
    render(<ExperimentFilters state={INITIAL_LIST_STATE} datasets={datasets} />);
    expect(Object.fromEntries(new FormData(screen.getByRole<HTMLFormElement>('search')))).toEqual({ q: '', dataset: '', strategy: '' });
    expect(screen.queryByRole('link', { name: 'Clear filters' })).toBeNull();
  });
});
