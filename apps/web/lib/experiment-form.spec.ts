import type { TArchitectureSummary } from '@atelier/domain';
import { errorsFromIssues, estimateFromForm, fieldForIssuePath, gridArchitectures, initialFormState, validateForm } from './experiment-form';

const valid = { ...initialFormState({ dataset: 'fashion-mnist', architecture: 'cnn-a' }), name: 'lr sweep' };

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
      batchSize: '32, 0',
      learningRate: '0.1, fast',
      momentum: '1',
      folds: '1',
      trainingSlice: '50',
      architectures: [],
    });
    expect(request).toBeNull();
    expect(errors).toEqual({
      name: 'name is required',
      batchSize: 'batch size must be positive',
      learningRate: '"fast" is not a number',
      momentum: 'momentum must be in [0, 1)',
      validation: 'k-fold needs at least 2 folds',
      trainingSlice: 'training slice must be at least 100 images',
      architecture: 'choose at least one architecture',
    });
  });

  it('validates a holdout fraction and allows the whole training set', () => {
    const holdout = validateForm({ ...valid, validationKind: 'holdout', holdoutFraction: '0.7', trainingSlice: '' });
    expect(holdout.errors).toEqual({ validation: 'holdout fraction must be at most 0.5' });
    const ok = validateForm({ ...valid, validationKind: 'holdout', holdoutFraction: '0.25', trainingSlice: '' });
    expect(ok.request?.validation).toEqual({ kind: 'holdout', fraction: 0.25 });
    expect(ok.request?.trainingSlice).toBeNull();
  });

  it('rejects a fractional seed and empty enum choices', () => {
    const { errors } = validateForm({ ...valid, seed: '1.5', activations: [], optimizers: [] });
    expect(errors.seed).toBe('seed must be a whole number');
    expect(errors.activation).toBe('choose at least one activation');
    expect(errors.optimizer).toBe('choose at least one optimizer');
  });
});

describe('issue paths', () => {
  it('maps API and zod paths to fields', () => {
    expect(fieldForIssuePath('space.learningRate.1')).toBe('learningRate');
    expect(fieldForIssuePath(['space', 'batchSize', 0])).toBe('batchSize');
    expect(fieldForIssuePath('validation.folds')).toBe('validation');
    expect(fieldForIssuePath('trainingSlice')).toBe('trainingSlice');
    expect(fieldForIssuePath('')).toBe('form');
    expect(fieldForIssuePath('space.unknown')).toBe('form');
  });

  it('keeps the first message for each field', () => {
    expect(
      errorsFromIssues([
        { path: 'space.epochs.0', message: 'epochs must be at least 1' },
        { path: 'space.epochs.1', message: 'epochs must be at most 1000' },
        { path: 'dataset', message: 'dataset "x" does not exist' },
      ]),
    ).toEqual({ epochs: 'epochs must be at least 1', dataset: 'dataset "x" does not exist' });
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
    expect(gridArchitectures([make('cnn-a', 'layers'), make('knn', 'knn'), make('mlp', 'layers')]).map((a) => a.key)).toEqual(['cnn-a', 'mlp']);
  });
});

describe('estimateFromForm', () => {
  it('counts the grid before the rest of the form is filled in', () => {
    const state = { ...initialFormState({ architecture: 'cnn-a' }), name: '', batchSize: '16, 32, 64', optimizers: ['adam', 'sgd'] as const };
    expect(estimateFromForm({ ...state, optimizers: [...state.optimizers] })).toEqual({ trialCount: 12, folds: 3, trainingRuns: 36, totalEpochs: 72 });
  });

  it('is null while a list cannot be read', () => {
    expect(estimateFromForm({ ...initialFormState(), learningRate: '0.1, x' })).toBeNull();
  });
});
