import { render, screen } from '@testing-library/react';
import { ExperimentHeader } from '../experiments/experiment-header';
import { makeExperiment } from '../../test/fixtures/experiment';
import { ParentModelLink } from './parent-model-link';

// the header's breadcrumb prefetches through the router on intent (IntentLink)
jest.mock('next/navigation', () => ({ useRouter: () => ({ prefetch: jest.fn() }) }));

describe('ParentModelLink', () => {
  it('links a registered version to its registered model in its project, named with its version', () => {
    render(<ParentModelLink parent={{ id: 'a1b2c3d4-0000-4000-8000-000000000000', reference: 'digits/2' }} project="vision-lab" />);
    const link = screen.getByTestId('parent-model');
    expect([link.textContent, link.getAttribute('href'), link.getAttribute('title')]).toEqual([
      'digits v2',
      '/models/digits?project=vision-lab',
      'model a1b2c3d4-0000-4000-8000-000000000000',
    ]);
  });

  it('links a model named by its id to its model card', () => {
    render(<ParentModelLink parent={{ id: 'a1b2c3d4-0000-4000-8000-000000000000', reference: null }} project="vision-lab" />);
    const link = screen.getByTestId('parent-model');
    expect([link.textContent, link.getAttribute('href')]).toEqual([
      'model a1b2c3d4',
      '/api/models/a1b2c3d4-0000-4000-8000-000000000000/model-card.json',
    ]);
  });

  it('shows "fine-tuned from" on the experiment page only for a fine-tune', () => {
    const { rerender } = render(<ExperimentHeader experiment={makeExperiment()} />);
    expect(screen.queryByTestId('parent-model')).toBeNull();
    rerender(<ExperimentHeader experiment={makeExperiment({ parentModel: { id: 'p1', reference: 'digits/1' } })} />);
    expect(screen.getByTestId('parent-model').closest('dd')?.textContent).toBe('fine-tuned from digits v1');
    // the reference was resolved in the experiment's project
    expect(screen.getByTestId('parent-model').getAttribute('href')).toBe('/models/digits?project=vision-lab');
  });
});
