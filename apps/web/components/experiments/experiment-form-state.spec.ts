import type { TArchitectureSummary } from '@atelier/domain';
import { makeExperiment } from '@/test/fixtures/experiment';
import {
  baseModelOptions,
  drawSeed,
  estimateFromForm,
  formPathForIssue,
  formStateFromExperiment,
  gridArchitectures,
  initialFormState,
  MAX_SEED,
  strategyLede,
  messagesByPath,
  parseNumber,
  usesRungs,
  ZExperimentForm,
  type ExperimentFormState,
  type FormPath,
} from './experiment-form-state';

/** The form's schema as the form uses it: the request, or the first message per field. */
function validateForm(state: ExperimentFormState) {
  const parsed = ZExperimentForm.safeParse(state);
  if (parsed.success) return { request: parsed.data, errors: {} as Partial<Record<FormPath | 'form', string>> };
  return {
    request: null,
    errors: messagesByPath(parsed.error.issues.map((issue) => ({ path: issue.path.join('.') as FormPath, message: issue.message }))),
  };
}

const valid = { ...initialFormState({ dataset: 'fashion-mnist', architecture: 'cnn-a', seed: 42 }), name: 'lr sweep' };

describe('the seed', () => {
  it('is drawn afresh for each new form, within the range the API takes', () => {
    expect(drawSeed(() => 0)).toBe(0);
    expect(drawSeed(() => 0.999_999_999_9)).toBe(MAX_SEED);
    expect(initialFormState({ seed: 1234 }).seed).toBe('1234');
    const seeds = new Set(Array.from({ length: 20 }, () => initialFormState().seed));
    expect(seeds.size).toBeGreaterThan(15);
    expect(seeds.has('42')).toBe(false);
    for (const seed of seeds) expect(validateForm({ ...valid, seed }).errors.seed).toBeUndefined();
  });
});

describe('formStateFromExperiment', () => {
  it("fills the form with an experiment's request, a fresh seed and the name marked as a copy", () => {
    const experiment = makeExperiment({
      name: 'ASHA sweep',
      strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3, trials: 12 },
      space: {
        architecture: ['cnn-a', 'cnn-b'],
        batchSize: { dist: 'int', low: 16, high: 128, step: 1, log: false },
        activation: ['relu', 'elu'],
        optimizer: ['sgd'],
        learningRate: { dist: 'log-uniform', low: 0.0001, high: 0.1 },
        momentum: [0, 0.9],
      },
      validation: { kind: 'holdout', fraction: 0.25 },
      budget: { maxTotalEpochs: 5000 },
      augmentation: {
        randomErasing: { probability: 0.3, areaRange: [0.05, 0.2], aspectRatioRange: [0.3, 3.3], fillRange: [0, 1], perPixelFill: true },
      },
      trainingSlice: null,
      seed: 42,
    });
    const state = formStateFromExperiment(experiment, 777);
    expect(state).toMatchObject({
      name: 'ASHA sweep (copy)',
      dataset: 'fashion-mnist',
      strategy: 'asha',
      ashaMinEpochs: '1',
      ashaMaxEpochs: '9',
      ashaReductionFactor: '3',
      ashaTrials: '12',
      architectures: ['cnn-a', 'cnn-b'],
      distributions: {
        batchSize: { dist: 'int', low: '16', high: '128' },
        learningRate: { dist: 'log-uniform', low: '0.0001', high: '0.1' },
      },
      values: { momentum: '0, 0.9', erasingProbability: '0.3' },
      choices: { activation: ['relu', 'elu'], optimizer: ['sgd'] },
      validationKind: 'holdout',
      holdoutFraction: '0.25',
      trainingSlice: '',
      seed: '777',
      maxTrials: '',
      maxTotalEpochs: '5000',
      randomErasing: true,
      erasingAreaMin: '0.05',
      erasingAreaMax: '0.2',
    });
    // the round trip: the copy asks for the same search but for its name and seed
    const { request } = validateForm(state);
    expect(request).toEqual({
      name: 'ASHA sweep (copy)',
      description: experiment.description,
      dataset: 'fashion-mnist',
      strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3, trials: 12 },
      space: {
        architecture: ['cnn-a', 'cnn-b'],
        batchSize: { dist: 'int', low: 16, high: 128 },
        activation: ['relu', 'elu'],
        optimizer: ['sgd'],
        learningRate: { dist: 'log-uniform', low: 0.0001, high: 0.1 },
        momentum: [0, 0.9],
        // the stored experiment's erasing probability, now the space's dimension
        erasingProbability: [0.3],
      },
      validation: { kind: 'holdout', fraction: 0.25 },
      trainingSlice: null,
      seed: 777,
      budget: { maxTotalEpochs: 5000 },
      augmentation: { randomErasing: { areaRange: [0.05, 0.2] } },
    });
  });

  it('copies TPE (with its early stopping) and Hyperband searches with their strategy settings', () => {
    const space = { ...makeExperiment().space, epochs: undefined };
    const tpe = makeExperiment({
      space,
      strategy: {
        kind: 'tpe',
        trials: 40,
        startupTrials: 8,
        eiCandidates: 24,
        multivariate: true,
        constantLiar: true,
        parallelism: 3,
        earlyStopping: { minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
      },
    });
    expect(validateForm(formStateFromExperiment(tpe, 5)).request?.strategy).toEqual({
      kind: 'tpe',
      trials: 40,
      startupTrials: 8,
      parallelism: 3,
      multivariate: true,
      earlyStopping: { minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
    });
    const hyperband = makeExperiment({
      space,
      strategy: { kind: 'hyperband', minEpochs: 2, maxEpochs: 18, reductionFactor: 3, trials: 30 },
    });
    expect(validateForm(formStateFromExperiment(hyperband, 5)).request?.strategy).toEqual({
      kind: 'hyperband',
      minEpochs: 2,
      maxEpochs: 18,
      reductionFactor: 3,
      trials: 30,
    });
  });

  it('copies a grid with its lists and k folds', () => {
    const state = formStateFromExperiment(makeExperiment());
    expect(state).toMatchObject({
      strategy: 'grid',
      values: { batchSize: '32, 64', epochs: '2', learningRate: '0.01, 0.001' },
      folds: '2',
      trainingSlice: '2000',
      name: 'Learning-rate sweep (copy)',
    });
    expect(state.seed).not.toBe('42');
  });
});

describe('strategyLede', () => {
  it('describes the strategy chosen, not always the grid', () => {
    expect(strategyLede('grid')).toMatch(/every combination/);
    expect(strategyLede('random')).toMatch(/drawn from it at random/);
    expect(strategyLede('asha')).toMatch(/promotes the best/);
  });
});

describe('validateForm', () => {
  it('turns a valid form into the request the API expects', () => {
    const { request, errors } = validateForm(valid);
    expect(errors).toEqual({});
    expect(request).toEqual({
      name: 'lr sweep',
      description: '',
      dataset: 'fashion-mnist',
      strategy: { kind: 'grid' },
      space: {
        architecture: ['cnn-a'],
        batchSize: [32, 64],
        epochs: [2],
        activation: ['relu'],
        optimizer: ['adam'],
        learningRate: [0.01, 0.001],
        momentum: [0],
      },
      validation: { kind: 'kfold', folds: 3 },
      trainingSlice: 2000,
      seed: 42,
    });
  });

  it('reports each invalid field with the schema message and sends nothing', () => {
    const { request, errors } = validateForm({
      ...valid,
      name: '  ',
      values: { ...valid.values, batchSize: '32, 0', learningRate: '0.1, fast', momentum: '1' },
      folds: '1',
      trainingSlice: '50',
      architectures: [],
    });
    expect(request).toBeNull();
    expect(errors).toEqual({
      name: 'name is required',
      'values.batchSize': 'batch size must be positive',
      'values.learningRate': '"fast" is not a number',
      'values.momentum': 'momentum must be in [0, 1)',
      folds: 'k-fold needs at least 2 folds',
      trainingSlice: 'training slice must be at least 100 images',
      architectures: 'the values for architecture are empty: give at least one value',
    });
  });

  it('says a fractional batch size must be a whole number, not "Invalid input"', () => {
    expect(validateForm({ ...valid, values: { ...valid.values, batchSize: '1.5' } }).errors).toEqual({
      'values.batchSize': 'batch size must be a whole number',
    });
    expect(
      validateForm({ ...valid, strategy: 'random', values: { ...valid.values, batchSize: '32, 1.5' } }).errors['values.batchSize'],
    ).toBe('batch size must be a whole number');
  });

  it('validates a holdout fraction and allows the whole training set', () => {
    const holdout = validateForm({ ...valid, validationKind: 'holdout', holdoutFraction: '0.7', trainingSlice: '' });
    expect(holdout.errors).toEqual({ holdoutFraction: 'holdout fraction must be at most 0.5' });
    const ok = validateForm({ ...valid, validationKind: 'holdout', holdoutFraction: '0.25', trainingSlice: '' });
    expect(ok.request?.validation).toEqual({ kind: 'holdout', fraction: 0.25 });
    expect(ok.request?.trainingSlice).toBeNull();
  });

  it('rejects a fractional seed and empty enum choices', () => {
    const { errors } = validateForm({ ...valid, seed: '1.5', choices: { ...valid.choices, activation: [], optimizer: [] } });
    // the domain schema's own message for a fractional seed
    expect(errors.seed).toBe('Invalid input: expected int, received number');
    expect(errors['choices.activation']).toBe('the values for activation are empty: give at least one value');
    expect(errors['choices.optimizer']).toBe('the values for optimizer are empty: give at least one value');
  });
});

describe('issue paths', () => {
  it('maps API and zod paths to the form field that shows them', () => {
    const grid = { strategy: 'grid' as const, validationKind: 'kfold' as const, distributions: {} };
    expect(formPathForIssue('space.learningRate.1', grid)).toBe('values.learningRate');
    expect(formPathForIssue(['space', 'batchSize', 0], grid)).toBe('values.batchSize');
    expect(formPathForIssue('space.architecture', grid)).toBe('architectures');
    expect(formPathForIssue('space.optimizer', grid)).toBe('choices.optimizer');
    expect(formPathForIssue('validation.folds', grid)).toBe('folds');
    expect(formPathForIssue('validation.fraction', { ...grid, validationKind: 'holdout' })).toBe('holdoutFraction');
    expect(formPathForIssue('trainingSlice', grid)).toBe('trainingSlice');
    expect(formPathForIssue('budget.maxTotalEpochs', grid)).toBe('maxTotalEpochs');
    expect(formPathForIssue('augmentation.randomErasing.areaRange.1', grid)).toBe('erasingAreaMax');
    expect(formPathForIssue('', grid)).toBeNull();
    expect(formPathForIssue('space.unknown', grid)).toBeNull();
  });

  it("follows the strategy: trials, rungs and a sampled dimension's distribution", () => {
    const random = {
      strategy: 'random' as const,
      validationKind: 'kfold' as const,
      distributions: { learningRate: { dist: 'log-uniform' as const, low: '1e-4', high: '0.1' } },
    };
    expect(formPathForIssue('strategy.trials', random)).toBe('randomTrials');
    expect(formPathForIssue('space.learningRate', random)).toBe('distributions.learningRate');
    expect(formPathForIssue('strategy.trials', { ...random, strategy: 'tpe' })).toBe('tpeTrials');
    expect(formPathForIssue('strategy.earlyStopping.maxEpochs', { ...random, strategy: 'tpe' })).toBe('ashaMaxEpochs');
    expect(formPathForIssue('strategy.maxEpochs', { ...random, strategy: 'asha' })).toBe('ashaMaxEpochs');
  });

  it('keeps the first message for each field', () => {
    expect(
      messagesByPath([
        { path: 'values.epochs', message: 'epochs must be at least 1' },
        { path: 'values.epochs', message: 'epochs must be at most 1000' },
        { path: null, message: 'the server is busy' },
      ]),
    ).toEqual({ 'values.epochs': 'epochs must be at least 1', form: 'the server is busy' });
  });

  it('reads a number as typed, and nothing else', () => {
    expect(parseNumber(' 0.25 ')).toBe(0.25);
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('many')).toBeNull();
  });
});

describe('gridArchitectures', () => {
  it('leaves out knn', () => {
    const make = (key: string, kind: 'layers' | 'knn'): TArchitectureSummary => ({
      id: key,
      key,
      name: key,
      description: '',
      builtin: true,
      spec: { kind, layers: [] },
      parameterCount: null,
      createdAt: '2026-01-01T00:00:00Z',
    });
    expect(gridArchitectures([make('cnn-a', 'layers'), make('knn', 'knn'), make('mlp', 'layers')]).map((a) => a.key)).toEqual([
      'cnn-a',
      'mlp',
    ]);
  });
});

describe('estimateFromForm', () => {
  it('counts the grid before the rest of the form is filled in', () => {
    const base = initialFormState({ architecture: 'cnn-a' });
    const state = {
      ...base,
      name: '',
      values: { ...base.values, batchSize: '16, 32, 64' },
      choices: { ...base.choices, optimizer: ['adam', 'sgd'] },
    };
    expect(estimateFromForm(state)).toEqual({ trialCount: 12, folds: 3, trainingRuns: 36, totalEpochs: 72 });
  });

  it('is null while a list cannot be read', () => {
    const base = initialFormState();
    expect(estimateFromForm({ ...base, values: { ...base.values, learningRate: '0.1, x' } })).toBeNull();
  });
});

describe('the hyperparameters with a default (dropout, weight decay, label smoothing, erasing probability)', () => {
  it('starts at the defaults and leaves a dimension out of the request while it holds only its default', () => {
    expect(valid.values).toMatchObject({ dropout: '0', weightDecay: '0', labelSmoothing: '0', erasingProbability: '0' });
    const space = validateForm(valid).request!.space;
    for (const name of ['dropout', 'weightDecay', 'labelSmoothing', 'erasingProbability']) expect(space).not.toHaveProperty(name);
    const set = validateForm({ ...valid, values: { ...valid.values, dropout: '0, 0.25', weightDecay: '1e-4', labelSmoothing: '0.1' } });
    expect(set.request!.space).toMatchObject({ dropout: [0, 0.25], weightDecay: [0.0001], labelSmoothing: [0.1] });
    expect(estimateFromForm({ ...valid, values: { ...valid.values, dropout: '0, 0.25, 0.5' } })!.trialCount).toBe(
      3 * estimateFromForm(valid)!.trialCount,
    );
  });

  it("checks them with the registry's schemas and samples them as distributions", () => {
    expect(validateForm({ ...valid, values: { ...valid.values, dropout: '1', labelSmoothing: '-0.1' } }).errors).toEqual({
      'values.dropout': 'dropout must be in [0, 1)',
      'values.labelSmoothing': 'label smoothing must be in [0, 1)',
    });
    const sampled = validateForm({
      ...valid,
      strategy: 'random',
      distributions: {
        weightDecay: { dist: 'log-uniform', low: '1e-5', high: '1e-2' },
        dropout: { dist: 'uniform', low: '0', high: '0.5' },
      },
    });
    expect(sampled.errors).toEqual({});
    expect(sampled.request!.space).toMatchObject({
      weightDecay: { dist: 'log-uniform', low: 1e-5, high: 1e-2 },
      dropout: { dist: 'uniform', low: 0, high: 0.5 },
    });
  });

  it('copies them from an experiment, lists and distributions, and keeps the defaults of those it left out', () => {
    const experiment = makeExperiment({
      strategy: { kind: 'random', trials: 4 },
      space: { ...makeExperiment().space, dropout: [0.1, 0.3], weightDecay: { dist: 'log-uniform', low: 1e-5, high: 1e-3 } },
    });
    const state = formStateFromExperiment(experiment, 1);
    expect(state.values).toMatchObject({ dropout: '0.1, 0.3', labelSmoothing: '0' });
    expect(state.distributions.weightDecay).toEqual({ dist: 'log-uniform', low: '0.00001', high: '0.001' });
    expect(validateForm(state).request!.space).toMatchObject({
      dropout: [0.1, 0.3],
      weightDecay: { dist: 'log-uniform', low: 1e-5, high: 1e-3 },
    });
  });
});

describe('validateForm: strategies, budgets and augmentation', () => {
  it('builds a random search with a log-uniform learning rate and an integer batch size', () => {
    const { request, errors } = validateForm({
      ...valid,
      strategy: 'random',
      randomTrials: '12',
      distributions: {
        learningRate: { dist: 'log-uniform', low: '1e-4', high: '0.1' },
        batchSize: { dist: 'int', low: '16', high: '128' },
      },
      maxTrials: '20',
      maxTotalEpochs: '500',
    });
    expect(errors).toEqual({});
    expect(request).toMatchObject({
      strategy: { kind: 'random', trials: 12 },
      space: {
        learningRate: { dist: 'log-uniform', low: 0.0001, high: 0.1 },
        batchSize: { dist: 'int', low: 16, high: 128 },
        epochs: [2],
        momentum: [0],
      },
      budget: { maxTrials: 20, maxTotalEpochs: 500 },
    });
    // the grid count cannot be computed locally: the server's plan gives it
    expect(estimateFromForm({ ...valid, strategy: 'random' })).toBeNull();
  });

  it('builds ASHA without epochs, and asks for samples when a dimension is a distribution', () => {
    const asha = { ...valid, strategy: 'asha' as const, ashaMinEpochs: '1', ashaMaxEpochs: '9', ashaReductionFactor: '3' };
    expect(validateForm(asha).request).toMatchObject({ strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 } });
    expect(validateForm(asha).request!.space).not.toHaveProperty('epochs');
    const sampled = validateForm({ ...asha, distributions: { momentum: { dist: 'uniform', low: '0', high: '0.9' } } });
    expect(sampled.request).toBeNull();
    expect(sampled.errors['distributions.momentum']).toContain('set strategy.trials');
    expect(
      validateForm({ ...asha, ashaTrials: '27', distributions: { momentum: { dist: 'uniform', low: '0', high: '0.9' } } }).errors,
    ).toEqual({});
    expect(validateForm({ ...asha, ashaMaxEpochs: '1' }).errors.ashaMaxEpochs).toBe('ASHA needs minEpochs below maxEpochs');
  });

  it('builds TPE (with or without early stopping) and Hyperband, without epochs when rungs set them', () => {
    const tpe = { ...valid, strategy: 'tpe' as const, tpeTrials: '20', tpeStartupTrials: '5', tpeParallelism: '3', tpeMultivariate: true };
    const request = validateForm(tpe).request!;
    expect(request.strategy).toEqual({
      kind: 'tpe',
      trials: 20,
      startupTrials: 5,
      parallelism: 3,
      multivariate: true,
      earlyStopping: null,
    });
    expect(request.space).toHaveProperty('epochs');
    expect(usesRungs(tpe)).toBe(false);
    const early = { ...tpe, tpeEarlyStopping: true, ashaMinEpochs: '1', ashaMaxEpochs: '9', ashaReductionFactor: '3' };
    expect(usesRungs(early)).toBe(true);
    expect(validateForm(early).request!.strategy).toMatchObject({
      kind: 'tpe',
      earlyStopping: { minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
    });
    expect(validateForm(early).request!.space).not.toHaveProperty('epochs');
    expect(validateForm({ ...tpe, tpeTrials: 'many' }).errors.tpeTrials).toBe('the number of trials must be a number');
    const hyperband = { ...valid, strategy: 'hyperband' as const, ashaMinEpochs: '1', ashaMaxEpochs: '27', ashaReductionFactor: '3' };
    expect(validateForm(hyperband).request!.strategy).toEqual({ kind: 'hyperband', minEpochs: 1, maxEpochs: 27, reductionFactor: 3 });
    expect(validateForm({ ...hyperband, hyperbandTrials: '40' }).request!.strategy).toMatchObject({ trials: 40 });
    expect(validateForm({ ...hyperband, ashaMaxEpochs: '1' }).errors.ashaMaxEpochs).toBe('Hyperband needs minEpochs below maxEpochs');
  });

  it('ignores distributions in a grid, and checks random erasing', () => {
    const grid = validateForm({ ...valid, distributions: { learningRate: { dist: 'uniform', low: '0.1', high: '0.2' } } });
    expect(grid.request?.space.learningRate).toEqual([0.01, 0.001]);
    const erasing = validateForm({
      ...valid,
      randomErasing: true,
      values: { ...valid.values, erasingProbability: '0.3' },
      erasingAreaMin: '0.05',
      erasingAreaMax: '0.2',
    });
    expect(erasing.request?.augmentation).toEqual({ randomErasing: { areaRange: [0.05, 0.2] } });
    expect(erasing.request?.space.erasingProbability).toEqual([0.3]);
    // with a rectangle of its own, even a probability of 0 is sent: the augmentation's would apply otherwise
    expect(validateForm({ ...valid, randomErasing: true }).request?.space.erasingProbability).toEqual([0]);
    expect(validateForm({ ...valid, randomErasing: true, erasingAreaMin: '0.5', erasingAreaMax: '0.2' }).errors.erasingAreaMin).toBe(
      'areaRange must be [min, max]',
    );
  });
});

describe('starting from a model (fine-tuning)', () => {
  const fineTune: ExperimentFormState = {
    ...valid,
    startFrom: 'model',
    baseModel: 'digits@production',
    values: { ...valid.values, freezeLayers: '0, 2' },
  };

  it('sends the base model with the fine-tune architecture and freezeLayers, not the architectures ticked', () => {
    const { request } = validateForm(fineTune);
    expect(request?.baseModel).toBe('digits@production');
    expect(request?.space.architecture).toEqual(['fine-tune']);
    expect(request?.space.freezeLayers).toEqual([0, 2]);
    expect(estimateFromForm(fineTune)?.trialCount).toBe(2 * (estimateFromForm({ ...valid, architectures: ['cnn-a'] })?.trialCount ?? 0));
  });

  it('from scratch sends neither, whatever the hidden freezeLayers field holds', () => {
    const { request } = validateForm({ ...fineTune, startFrom: 'scratch' });
    expect(request?.baseModel).toBeUndefined();
    expect(request?.space.architecture).toEqual(['cnn-a']);
    expect(request?.space.freezeLayers).toBeUndefined();
  });

  it('asks for a model when none is picked, and shows the API’s baseModel issues on that field', () => {
    expect(validateForm({ ...fineTune, baseModel: ' ' }).errors.baseModel).toBe('pick the model to start from');
    expect(formPathForIssue('baseModel', fineTune)).toBe('baseModel');
    expect(formPathForIssue('space.freezeLayers', fineTune)).toBe('values.freezeLayers');
  });

  it('offers every alias and the latest version of each registered model', () => {
    const summary = (name: string, aliases: string[], latestVersion: number | null) => ({
      id: name,
      name,
      project: { slug: 'default', name: 'Default' },
      description: '',
      latestVersion,
      versionCount: latestVersion ?? 0,
      aliases: aliases.map((alias) => ({ alias, version: 1, updatedAt: '2026-01-01T00:00:00.000Z' })),
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(baseModelOptions([summary('digits', ['production', 'staging'], 3), summary('empty', [], null)])).toEqual([
      'digits@production',
      'digits@staging',
      'digits/3',
    ]);
  });

  it('"New experiment from this one" keeps the parent, by the version it resolved to', () => {
    const experiment = makeExperiment({
      parentModel: { id: 'p1', reference: 'digits/1' },
      space: { ...makeExperiment().space, architecture: ['fine-tune'], freezeLayers: [3] },
    });
    const state = formStateFromExperiment(experiment, 7);
    expect([state.startFrom, state.baseModel, state.values.freezeLayers]).toEqual(['model', 'digits/1', '3']);
    expect(validateForm({ ...state, name: 'again' }).request?.space.architecture).toEqual(['fine-tune']);
  });
});
