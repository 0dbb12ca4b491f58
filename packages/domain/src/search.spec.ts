import { z } from 'zod';
import type { HyperparameterDefinition } from './hyperparameters';
import {
  asGridSpace,
  dimensionSchema,
  distributionDimensions,
  spaceDimensions,
  ZGridSpace,
  ZSearchSpace,
  type TSearchSpace,
} from './search';

const space: TSearchSpace = {
  architecture: ['cnn-a'],
  batchSize: [32, 64],
  epochs: [2],
  activation: ['relu'],
  optimizer: ['adam', 'sgd'],
  learningRate: [0.01, 0.001],
  momentum: [0],
};

const issues = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('ZSearchSpace, derived from the registry', () => {
  it('takes lists for every dimension and distributions for numbers, but for epochs', () => {
    const sampled = {
      ...space,
      batchSize: { dist: 'int', low: 16, high: 128 },
      learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 },
      momentum: { dist: 'uniform', low: 0, high: 0.9 },
    };
    expect(ZSearchSpace.parse(sampled)).toEqual({ ...sampled, batchSize: { dist: 'int', low: 16, high: 128, step: 1, log: false } });
    expect(issues(ZSearchSpace, { ...space, activation: { dist: 'uniform', low: 0, high: 1 } })).toEqual([
      'activation: Invalid input: expected array, received object',
    ]);
    expect(issues(ZSearchSpace, { ...space, epochs: { dist: 'int', low: 1, high: 9 } })).toEqual([
      'epochs: Invalid input: expected array, received object',
    ]);
    // an int dimension takes the int distribution only
    expect(ZSearchSpace.safeParse({ ...space, batchSize: { dist: 'uniform', low: 16, high: 128 } }).success).toBe(false);
    expect(issues(ZSearchSpace, { ...space, architecture: ['CNN A'] })).toEqual([
      'architecture.0: architecture key must be lower-case letters, digits and dashes',
    ]);
  });

  it('lets a space leave out epochs (the rungs set it) but no other dimension without a default', () => {
    const { epochs: _epochs, ...withoutEpochs } = space;
    expect(ZSearchSpace.parse(withoutEpochs)).toEqual(withoutEpochs);
    const { momentum: _momentum, ...withoutMomentum } = space;
    expect(issues(ZSearchSpace, withoutMomentum)).toEqual(['momentum: Invalid input']);
  });

  it('is a grid when every dimension is a list and epochs is given', () => {
    expect(ZGridSpace.parse(space)).toEqual(space);
    expect(asGridSpace(space)).toEqual(space);
    expect(asGridSpace({ ...space, epochs: undefined })).toBeNull();
    expect(asGridSpace({ ...space, momentum: { dist: 'uniform', low: 0, high: 0.5 } })).toBeNull();
    expect(distributionDimensions({ ...space, momentum: { dist: 'uniform', low: 0, high: 0.5 } })).toEqual(['momentum']);
    expect(spaceDimensions({ ...space, epochs: undefined })).toEqual([
      'architecture',
      'batchSize',
      'activation',
      'optimizer',
      'learningRate',
      'momentum',
    ]);
  });
});

describe('dimensionSchema', () => {
  // A hyperparameter with a default, as every one added to the registry has.
  const rate: HyperparameterDefinition<number> = {
    kind: 'float',
    value: z.number().min(0, 'rate must be in [0, 1)').lt(1, 'rate must be in [0, 1)'),
    default: 0,
    searchable: true,
    label: 'Rate',
    short: 'rate',
    format: 'number',
    description: 'A rate',
    form: { label: 'Rates', hint: '', initial: '0', group: 'regularization' },
  };

  it('makes a dimension with a default optional, in a space and in a grid, and says what leaving it out means', () => {
    const inSpace = dimensionSchema('rate', rate, false);
    const inGrid = dimensionSchema('rate', rate, true);
    expect(inSpace.parse(undefined)).toBeUndefined();
    expect(inGrid.parse(undefined)).toBeUndefined();
    expect(inSpace.parse({ dist: 'uniform', low: 0, high: 0.5 })).toEqual({ dist: 'uniform', low: 0, high: 0.5 });
    expect(inGrid.safeParse({ dist: 'uniform', low: 0, high: 0.5 }).success).toBe(false);
    expect(issues(inSpace, [0.2, 1])).toEqual(['1: rate must be in [0, 1)']);
    expect(inSpace.description).toBe('A rate. Optional: left out, every trial has 0');
  });

  it('needs a positive low for a log-uniform range and a non-empty one', () => {
    const inSpace = dimensionSchema('rate', rate, false);
    expect(issues(inSpace, { dist: 'log-uniform', low: 0, high: 0.5 })).toContain('low: log-uniform rate needs low > 0');
    expect(issues(inSpace, { dist: 'uniform', low: 0.5, high: 0.1 })).toContain(': the range of rate is empty: low must be below high');
  });
});

describe('the added dimensions in a space', () => {
  it('are optional: a request from before them still parses, and one that gives them keeps them', () => {
    expect(ZSearchSpace.parse(space)).toEqual(space);
    const searched = {
      ...space,
      dropout: [0, 0.25],
      weightDecay: { dist: 'log-uniform', low: 1e-5, high: 1e-2 },
      labelSmoothing: [0.1],
      erasingProbability: { dist: 'uniform', low: 0, high: 0.5 },
    };
    expect(ZSearchSpace.parse(searched)).toEqual(searched);
    expect(spaceDimensions(ZSearchSpace.parse(searched))).toEqual([
      ...spaceDimensions(space),
      'dropout',
      'weightDecay',
      'labelSmoothing',
      'erasingProbability',
    ]);
    expect(ZGridSpace.parse({ ...space, dropout: [0, 0.5] })).toEqual({ ...space, dropout: [0, 0.5] });
    expect(issues(ZSearchSpace, { ...space, dropout: [0.5, 1] })).toEqual(['dropout.1: dropout must be in [0, 1)']);
    expect(issues(ZSearchSpace, { ...space, weightDecay: { dist: 'log-uniform', low: 0, high: 0.01 } })).toContain(
      'weightDecay.low: log-uniform weightDecay needs low > 0',
    );
  });
});
