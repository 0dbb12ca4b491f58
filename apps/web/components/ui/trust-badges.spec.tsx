import { render, screen, within } from '@testing-library/react';
import { CompareView } from '@/components/compare/compare-view';
import { TrialView } from '@/components/trials/trial-view';
import { makeComparedTrial, makeComparison } from '../../test/fixtures/compare';
import { makeTrial } from '../../test/fixtures/experiment';
import { renderWithQuery } from '../../test/query';
import { DivergedBadge, TiedBadge } from './trust-badges';

jest.mock('next/navigation', () => ({ useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }) }));

describe('trust badges', () => {
  it('name the tie rule and the divergence reason', () => {
    render(
      <>
        <TiedBadge bestNumber={2} />
        <DivergedBadge reason="non-finite-loss" />
        <DivergedBadge reason={null} />
      </>,
    );
    expect(screen.getByTestId('tied-badge').getAttribute('title')).toMatch(/^Tied: within one standard error of the best trial's mean/);
    expect(screen.getAllByTestId('diverged-badge')).toHaveLength(1);
    expect(screen.getByTestId('diverged-badge').textContent).toBe('diverged: loss is NaN or infinite');
  });

  it('marks a diverged trial in the comparison, not the healthy one', () => {
    const healthy = makeComparedTrial(1);
    // the user's diverged run: 10 % accuracy on 10 classes, loss 14.5
    const diverged = makeComparedTrial(2, {
      meanValAccuracy: 0.1,
      meanValLoss: 14.5,
      hyperparameters: { ...healthy.hyperparameters, learningRate: 0.5 },
    });
    renderWithQuery(<CompareView comparison={makeComparison([healthy, diverged])} />);
    const items = screen.getAllByTestId('compared-trial');
    expect(items.map((item) => within(item).queryByTestId('diverged-badge')?.getAttribute('data-reason') ?? null)).toEqual([
      null,
      'chance-accuracy',
    ]);
  });

  it('marks a diverged trial on its page from its dataset’s class count', () => {
    const trial = makeTrial(3, { status: 'completed', meanValAccuracy: 0.6, stdValAccuracy: 0.01, meanValLoss: null });
    renderWithQuery(
      <TrialView trial={trial} compared={makeComparedTrial(3, { meanValAccuracy: 0.6, meanValLoss: null })} evaluations={[]} models={[]} />,
    );
    expect(screen.getByTestId('diverged-badge').getAttribute('data-reason')).toBe('non-finite-loss');
  });
});
