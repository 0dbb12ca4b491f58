import { act, fireEvent, screen, within } from '@testing-library/react';
// rendered inside a query cache, as the app is (the plan and layer checks are queries)
import { renderWithQuery as render } from '../../test/query';
import type { TSearchEstimate } from '@atelier/domain';
import { ApiError, type ApiClient } from '@/lib/api-client';
import { formStateFromExperiment } from './experiment-form-state';
import { fakeApi as baseFakeApi } from '../../test/fixtures/api';
import { makeArchitecture, makeDataset, makeExperiment } from '../../test/fixtures/experiment';
import { ExperimentForm, launchRoleNote } from './experiment-form';

const push = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push }) }));

const estimate: TSearchEstimate = {
  seconds: 7800,
  trainingSeconds: 15_600,
  parallel: 2,
  slots: 2,
  workers: 1,
  imagesPerFold: 1333,
  fallbackSecondsPerImage: 0.003,
  basis: [
    {
      architecture: 'mlp',
      batchSize: 32,
      source: 'measured',
      secondsPerImage: 0.002,
      measuredEpochs: 60,
      measuredBatchSize: null,
      share: 1,
    },
  ],
};

function fakeApi(overrides: Partial<ApiClient> = {}): ApiClient {
  return baseFakeApi({
    planExperiment: jest.fn(() =>
      Promise.resolve({
        trialCount: 4,
        folds: 3,
        trainingRuns: 12,
        totalEpochs: 24,
        rungs: null,
        maxTrials: 500,
        maxTotalEpochs: 100_000,
        estimate,
      }),
    ),
    createExperiment: jest.fn(() => Promise.resolve(makeExperiment())),
    ...overrides,
  });
}

const datasets = [makeDataset(), makeDataset({ key: 'mnist', name: 'MNIST', available: false })];
const architectures = [
  makeArchitecture('cnn-a', { parameterCount: 693_962 }),
  makeArchitecture('mlp', { parameterCount: 235_146 }),
  makeArchitecture('knn'),
];

async function settle() {
  // lets the debounced plan request and its promise run
  // the timers first, then a turn for the promises they started
  act(() => {
    jest.advanceTimersByTime(400);
  });
  await act(async () => {});
}

describe('ExperimentForm', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    push.mockReset();
  });
  afterEach(() => jest.useRealTimers());

  it('lists grid architectures only, disables unavailable datasets, and counts the grid live', () => {
    const api = fakeApi();
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} />);
    expect(screen.queryByText('KNN')).toBeNull();
    expect(screen.getByText('MLP')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /MNIST.*Unavailable/ }).disabled).toBe(true);
    expect(screen.getByText(/the server did not find its files/)).toBeTruthy();
    // smallest architecture first: mlp; default grid 2 batch sizes × 2 learning rates, 3 folds, 2 epochs
    expect(screen.getByTestId('trial-count').textContent).toBe('4');
    expect(screen.getByTestId('training-runs').textContent).toBe('12');
    expect(screen.getByTestId('total-epochs').textContent).toBe('24');

    fireEvent.change(screen.getByLabelText('Batch sizes'), { target: { value: '16, 32, 64' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'sgd' }));
    expect(screen.getByTestId('trial-count').textContent).toBe('12');
    expect(screen.getByTestId('training-runs').textContent).toBe('36');
  });

  it('starts from a registered model: picks its first alias, hides the architectures, searches the frozen layers', async () => {
    const api = fakeApi();
    const registered = [
      {
        id: 'r1',
        name: 'digits',
        project: { slug: 'default', name: 'Default' },
        description: '',
        latestVersion: 2,
        versionCount: 2,
        aliases: [{ alias: 'production', version: 1, updatedAt: '2026-01-01T00:00:00.000Z' }],
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ];
    render(<ExperimentForm datasets={datasets} architectures={architectures} registeredModels={registered} api={api} />);
    expect(screen.queryByTestId('base-model')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Start from a model' }));
    expect(screen.getByLabelText<HTMLInputElement>('Registered model').value).toBe('digits@production');
    expect([...document.querySelectorAll('#base-model-options option')].map((o) => o.getAttribute('value'))).toEqual([
      'digits@production',
      'digits/2',
    ]);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /MLP/, hidden: true }).closest('fieldset')?.hidden).toBe(true);
    fireEvent.change(screen.getByLabelText('Frozen layers'), { target: { value: '0, 2' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'from digits' } });
    // 2 batch sizes × 2 learning rates × 2 frozen-layer counts
    expect(screen.getByTestId('trial-count').textContent).toBe('8');
    await settle();
    fireEvent.click(screen.getByRole('button', { name: /^Launch/ }));
    await act(async () => {});
    expect(api.createExperiment).toHaveBeenCalledWith(
      expect.objectContaining({
        baseModel: 'digits@production',
        space: expect.objectContaining({ architecture: ['fine-tune'], freezeLayers: [0, 2] }) as unknown,
      }),
    );
  });

  it('keeps launch disabled until the form is valid, then launches and opens the experiment', async () => {
    const api = fakeApi();
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} />);
    const launch = screen.getByRole<HTMLButtonElement>('button', { name: 'Launch 4 trials' });
    expect(launch.disabled).toBe(true);
    expect(screen.getByTestId('form-blockers').textContent).toContain('Name');

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'sweep' } });
    await settle();
    expect(api.planExperiment).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('plan-ok').textContent).toContain('4 trials, 12 runs, 24 epochs');
    expect(launch.disabled).toBe(false);

    fireEvent.click(launch);
    await act(async () => {});
    expect(api.createExperiment).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'sweep',
        dataset: 'fashion-mnist',
        space: expect.objectContaining({ architecture: ['mlp'], batchSize: [32, 64] }) as unknown,
      }),
    );
    expect(push).toHaveBeenCalledWith(`/experiments/${makeExperiment().id}`);
  });

  it("checks and launches in the current project: the URL's, else the one picked in the header, else none (the API's default)", async () => {
    const launchIn = async (project: string | null) => {
      const api = fakeApi();
      const view = render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} project={project} />);
      fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'in a project' } });
      await settle();
      fireEvent.click(screen.getByRole('button', { name: /^Launch/ }));
      await act(async () => {});
      view.unmount();
      return { plan: jest.mocked(api.planExperiment).mock.calls.at(-1)![0], launch: jest.mocked(api.createExperiment).mock.calls[0]![0] };
    };
    const none = await launchIn(null);
    expect(none.launch).not.toHaveProperty('project');
    expect(none.plan).not.toHaveProperty('project');
    window.localStorage.setItem('atelier.project', JSON.stringify('audio'));
    try {
      const remembered = await launchIn(null);
      expect(remembered.launch).toMatchObject({ name: 'in a project', project: 'audio' });
      expect(remembered.plan).toMatchObject({ project: 'audio' });
      const fromUrl = await launchIn('vision');
      expect(fromUrl.launch).toMatchObject({ name: 'in a project', project: 'vision' });
      expect(fromUrl.plan).toMatchObject({ project: 'vision' });
    } finally {
      window.localStorage.removeItem('atelier.project');
    }
  });

  it('renders a field for every regularising hyperparameter of the registry, and sends the ones set', async () => {
    const api = fakeApi();
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} />);
    const group = screen.getByRole('group', { name: 'Regularisation' });
    for (const label of ['Dropout', 'Weight decay (L2)', 'Label smoothing', 'Erasing probability']) {
      expect(within(group).getByLabelText<HTMLInputElement>(label).value).toBe('0');
    }
    fireEvent.change(screen.getByLabelText('Dropout'), { target: { value: '0, 0.5' } });
    fireEvent.change(screen.getByLabelText('Label smoothing'), { target: { value: '0.1' } });
    // a second dropout value doubles the grid
    expect(screen.getByTestId('trial-count').textContent).toBe('8');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'regularised' } });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: /^Launch/ }));
    await act(async () => {});
    const request = jest.mocked(api.createExperiment).mock.calls[0]![0];
    expect(request.space).toMatchObject({ dropout: [0, 0.5], labelSmoothing: [0.1] });
    // left at their defaults, the others are left out
    expect(request.space).not.toHaveProperty('weightDecay');
    expect(request.space).not.toHaveProperty('erasingProbability');
  });

  it('shows a field error as soon as a list cannot be read', async () => {
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={fakeApi()} />);
    fireEvent.change(screen.getByLabelText('Learning rates'), { target: { value: '0.1, fast' } });
    const field = screen.getByLabelText('Learning rates').closest('.field') as HTMLElement;
    expect(await within(field).findByText('"fast" is not a number')).toBeTruthy();
    expect(screen.getByTestId('trial-count').textContent).toBe('—');
  });

  it("shows the server plan's 400 inline, on the field it names, and blocks the launch", async () => {
    const api = fakeApi({
      planExperiment: jest.fn(() =>
        Promise.reject(
          new ApiError(400, {
            error: 'validation_failed',
            message: 'The grid expands to 4 trials; the limit is 2',
            issues: [{ path: 'space.learningRate', message: 'too many learning rates for the trial limit' }],
          }),
        ),
      ),
    });
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'too big' } });
    await settle();
    expect(screen.getByTestId('plan-error').textContent).toBe('The grid expands to 4 trials; the limit is 2');
    expect(screen.getByText('too many learning rates for the trial limit')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Launch 4 trials' }).disabled).toBe(true);
  });

  it('maps the issues of a refused launch to their fields', async () => {
    const api = fakeApi({
      createExperiment: jest.fn(() =>
        Promise.reject(
          new ApiError(400, {
            error: 'validation_failed',
            message: 'Invalid request',
            issues: [{ path: 'trainingSlice', message: 'training slice is larger than the dataset (60000 images)' }],
          }),
        ),
      ),
    });
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'x' } });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Launch 4 trials' }));
    await act(async () => {});
    const field = screen.getByLabelText('Training slice (images)').closest('.field') as HTMLElement;
    expect(within(field).getByText('training slice is larger than the dataset (60000 images)')).toBeTruthy();
    expect(push).not.toHaveBeenCalled();
  });

  it("shows the domain schema's message on the field it names, from the resolver", async () => {
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={fakeApi()} />);
    fireEvent.change(screen.getByLabelText('Batch sizes'), { target: { value: '32, 1.5' } });
    fireEvent.change(screen.getByLabelText('Folds (k)'), { target: { value: '1' } });
    const batch = screen.getByLabelText('Batch sizes').closest('.field') as HTMLElement;
    expect(await within(batch).findByText('batch size must be a whole number')).toBeTruthy();
    expect(screen.getByText('k-fold needs at least 2 folds')).toBeTruthy();
    expect(screen.getByTestId('form-blockers').textContent).toBe('To launch, fix: Name, Batch sizes, Validation.');
  });

  it("puts a refused launch's space issue on its field and the message above the button", async () => {
    const api = fakeApi({
      createExperiment: jest.fn(() =>
        Promise.reject(
          new ApiError(400, {
            error: 'validation_failed',
            message: 'The request was refused',
            issues: [{ path: 'space.momentum.0', message: 'momentum is not supported by adam' }],
          }),
        ),
      ),
    });
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'x' } });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Launch 4 trials' }));
    await act(async () => {});
    const field = screen.getByLabelText('Momentum').closest('.field') as HTMLElement;
    expect(within(field).getByText('momentum is not supported by adam')).toBeTruthy();
    expect(screen.getByText('The request was refused')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Launch 4 trials' }).disabled).toBe(false);
  });

  it('launches ASHA with a sampled learning rate, showing the server plan and its rungs', async () => {
    const planExperiment = jest.fn(() =>
      Promise.resolve({
        trialCount: 27,
        folds: 3,
        trainingRuns: 81,
        totalEpochs: 351,
        rungs: [
          { epochs: 1, trials: 27 },
          { epochs: 3, trials: 9 },
          { epochs: 9, trials: 3 },
        ],
        maxTrials: 500,
        maxTotalEpochs: 100_000,
        estimate,
      }),
    );
    const api = fakeApi({ planExperiment });
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={api} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'asha' } });
    fireEvent.click(screen.getByRole('radio', { name: 'ASHA' }));
    expect(screen.queryByLabelText('Epochs', { exact: true })).toBeNull();
    fireEvent.change(screen.getByLabelText('Samples (optional)'), { target: { value: '27' } });
    fireEvent.click(within(screen.getByRole('radiogroup', { name: 'learningRate given as' })).getByRole('radio', { name: 'distribution' }));
    fireEvent.change(screen.getByLabelText('learningRate low'), { target: { value: '0.0001' } });
    await settle();
    expect(planExperiment).toHaveBeenLastCalledWith(
      expect.objectContaining({
        strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3, trials: 27 },
        space: expect.objectContaining({ learningRate: { dist: 'log-uniform', low: 0.0001, high: 0.1 } }) as unknown,
      }),
    );
    expect(screen.getByTestId('trial-count').textContent).toBe('27');
    expect(screen.getByTestId('total-epochs').textContent).toBe('351');
    const rungs = within(screen.getByTestId('plan-rungs')).getAllByRole('row').slice(1);
    expect(rungs.map((r) => r.textContent)).toEqual(['0127', '139', '293']);
    expect(screen.getByRole('button', { name: 'Launch 27 trials' })).toBeTruthy();
  });

  it('shows the seed drawn for this form, and draws another on request', () => {
    render(<ExperimentForm datasets={datasets} architectures={architectures} seed={123_456} api={fakeApi()} />);
    const seed = screen.getByLabelText<HTMLInputElement>('Seed');
    expect(seed.value).toBe('123456');
    fireEvent.click(screen.getByRole('button', { name: 'New seed' }));
    expect(seed.value).not.toBe('123456');
    expect(Number(seed.value)).toBeGreaterThanOrEqual(0);
    fireEvent.change(seed, { target: { value: '7' } });
    expect(seed.value).toBe('7');
  });

  it('says "trial" for one trial, and shows the time estimate and what it rests on', async () => {
    const planExperiment = jest.fn(() =>
      Promise.resolve({
        trialCount: 1,
        folds: 3,
        trainingRuns: 3,
        totalEpochs: 6,
        rungs: null,
        maxTrials: 500,
        maxTotalEpochs: 100_000,
        estimate,
      }),
    );
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={fakeApi({ planExperiment })} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'one' } });
    fireEvent.change(screen.getByLabelText('Batch sizes'), { target: { value: '32' } });
    fireEvent.change(screen.getByLabelText('Learning rates'), { target: { value: '0.01' } });
    expect(screen.getByRole('button', { name: 'Launch 1 trial' })).toBeTruthy();
    await settle();
    expect(screen.getByTestId('plan-ok').textContent).toBe('Server check passed: 1 trial, 3 runs, 6 epochs (limit 500 trials).');
    const shown = screen.getByTestId('plan-estimate');
    expect(shown.textContent).toContain('≈ 2 h 10 min on 2 training slots');
    expect(shown.textContent).toContain('mlp at batch 32: 2 ms per image, median of 60 epochs measured');
  });

  it('describes the strategy chosen in the subtitle', () => {
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={fakeApi()} />);
    expect(screen.getByTestId('strategy-lede').textContent).toMatch(/every combination/);
    fireEvent.click(screen.getByRole('radio', { name: 'Random' }));
    expect(screen.getByTestId('strategy-lede').textContent).toMatch(/at random/);
    fireEvent.click(screen.getByRole('radio', { name: 'ASHA' }));
    expect(screen.getByTestId('strategy-lede').textContent).toMatch(/ASHA trains many configurations/);
  });

  it("opens filled in with another experiment's request", () => {
    const experiment = makeExperiment({
      name: 'lr sweep',
      strategy: { kind: 'random', trials: 6 },
      space: { ...makeExperiment().space, architecture: ['cnn-a'], learningRate: [0.1, 0.01, 0.001] },
    });
    render(
      <ExperimentForm
        datasets={datasets}
        architectures={architectures}
        initial={formStateFromExperiment(experiment, 99)}
        api={fakeApi()}
      />,
    );
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('lr sweep (copy)');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Random' }).checked).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Trials to draw').value).toBe('6');
    expect(screen.getByLabelText<HTMLInputElement>('Learning rates').value).toBe('0.1, 0.01, 0.001');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /cnn-a/ }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /MLP/ }).checked).toBe(false);
    expect(screen.getByLabelText<HTMLInputElement>('Folds (k)').value).toBe('2');
    expect(screen.getByLabelText<HTMLInputElement>('Seed').value).toBe('99');
  });

  it('launches TPE with early stopping and multivariate, and Hyperband, from the strategy fieldset', async () => {
    const planExperiment = jest.fn(() =>
      Promise.resolve({
        trialCount: 20,
        folds: 3,
        trainingRuns: 60,
        totalEpochs: 150,
        rungs: null,
        maxTrials: 500,
        maxTotalEpochs: 100_000,
        estimate,
      }),
    );
    render(<ExperimentForm datasets={datasets} architectures={architectures} api={fakeApi({ planExperiment })} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'tpe' } });
    fireEvent.click(screen.getByRole('radio', { name: 'TPE' }));
    // without early stopping TPE picks the epochs from the list like random search
    expect(screen.getByLabelText('Epochs', { exact: true })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Trials'), { target: { value: '20' } });
    fireEvent.change(screen.getByLabelText('Random first'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Multivariate' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Stop poor trials early (ASHA)' }));
    expect(screen.queryByLabelText('Epochs', { exact: true })).toBeNull();
    await settle();
    expect(planExperiment).toHaveBeenLastCalledWith(
      expect.objectContaining({
        strategy: {
          kind: 'tpe',
          trials: 20,
          startupTrials: 5,
          parallelism: 2,
          multivariate: true,
          earlyStopping: { minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
        },
      }),
    );
    expect(screen.getByTestId('trial-count').textContent).toBe('20');
    fireEvent.click(screen.getByRole('radio', { name: 'Hyperband' }));
    fireEvent.change(screen.getByLabelText('r: epochs of the first rung'), { target: { value: '2' } });
    await settle();
    expect(planExperiment).toHaveBeenLastCalledWith(
      expect.objectContaining({ strategy: { kind: 'hyperband', minEpochs: 2, maxEpochs: 9, reductionFactor: 3 } }),
    );
  });
});

describe('launchRoleNote', () => {
  it('names the role a launch needs for a viewer or a non-member, and says nothing for editors, owners, admins or no project', () => {
    expect(launchRoleNote('vision', 'viewer', false, true)).toBe("Launching needs the editor role in project 'vision' (you are viewer).");
    expect(launchRoleNote('vision', null, false, true)).toBe("Launching needs the editor role in project 'vision' (you are not a member).");
    expect(launchRoleNote('vision', 'editor', false, true)).toBeNull();
    expect(launchRoleNote('vision', 'owner', false, true)).toBeNull();
    expect(launchRoleNote('vision', null, true, true)).toBeNull();
    expect(launchRoleNote(null, 'viewer', false, true)).toBeNull();
    // the session not read yet: no note that would flash and go
    expect(launchRoleNote('vision', null, false, false)).toBeNull();
  });
});
