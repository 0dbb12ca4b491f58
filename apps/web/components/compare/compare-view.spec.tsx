import { render, screen, within } from '@testing-library/react';
import { makeComparedTrial, makeComparison } from '../../test/fixtures/compare';
import { CompareView } from './compare-view';

jest.mock('next/navigation', () => ({ useRouter: () => ({ push: jest.fn(), replace: jest.fn(), refresh: jest.fn() }) }));

describe('CompareView', () => {
  beforeEach(() => window.localStorage.clear());

  it('names the experiment in every legend when the trials come from more than one', () => {
    const a = makeComparedTrial(1, { experiment: { id: 'exp-a', name: 'Sweep A' } });
    const b = makeComparedTrial(4, { id: 'trial-b4', experiment: { id: 'exp-b', name: 'Sweep B' }, hyperparameters: { ...a.hyperparameters, learningRate: 0.001 } });
    render(<CompareView comparison={makeComparison([a, b])} />);
    for (const name of ['Accuracy legend', 'Loss legend']) {
      const legend = screen.getByRole('list', { name });
      expect(within(legend).getAllByRole('listitem').filter((li) => li.getAttribute('aria-label') !== 'Line styles').map((li) => li.textContent)).toEqual([
        'Sweep A #1 · lr=0.01',
        'Sweep B #4 · lr=0.001',
      ]);
    }
    // one control bar per card of curves
    expect(screen.getAllByRole('group', { name: /chart settings$/ })).toHaveLength(2);
  });

  it('keeps to what differs when the trials share an experiment', () => {
    const a = makeComparedTrial(1);
    const b = makeComparedTrial(2, { hyperparameters: { ...a.hyperparameters, learningRate: 0.001 } });
    render(<CompareView comparison={makeComparison([a, b])} />);
    const legend = screen.getByRole('list', { name: 'Accuracy legend' });
    expect(within(legend).getByText('lr=0.01')).toBeTruthy();
    expect(within(legend).getByText('lr=0.001')).toBeTruthy();
  });
});
