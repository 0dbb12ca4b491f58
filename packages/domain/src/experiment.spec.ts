import { mostFrozenLayers, ZCreateExperimentRequest, type TCreateExperimentRequest } from './experiment';
import { explainUnionIssues } from './common';
import {
  ashaRungEpochs,
  ashaRungPopulation,
  firstRungOf,
  firstRungsOf,
  hyperbandAssignments,
  hyperbandBrackets,
  hyperbandIterationSize,
  rungEpochsOf,
  ZSearchStrategy,
} from './search';
import { ZProgressEvent } from './progress';
import { trainFoldJobId } from './jobs';

const valid: TCreateExperimentRequest = {
  name: 'batch size sweep',
  dataset: 'fashion-mnist',
  space: {
    architecture: ['cnn-a'],
    batchSize: [32, 64],
    epochs: [2],
    activation: ['relu'],
    optimizer: ['sgd'],
    learningRate: [0.01],
    momentum: [0.9],
  },
};

function messages(input: unknown): string[] {
  const result = ZCreateExperimentRequest.safeParse(input);
  return result.success ? [] : explainUnionIssues(result.error.issues as never).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('ZCreateExperimentRequest', () => {
  it('fills the defaults of a minimal request', () => {
    const parsed = ZCreateExperimentRequest.parse(valid);
    expect(parsed.strategy).toEqual({ kind: 'grid' });
    expect(parsed.validation).toEqual({ kind: 'kfold', folds: 3 });
    expect(parsed.seed).toBe(42);
    expect(parsed.trainingSlice).toBeNull();
    expect(parsed.description).toBe('');
  });

  it.each([
    ['an empty grid', { batchSize: [] }, 'space.batchSize: the values for batchSize are empty: give at least one value'],
    ['a zero learning rate', { learningRate: [0] }, 'space.learningRate.0: learning rate must be positive'],
    ['a negative batch size', { batchSize: [-8] }, 'space.batchSize.0: batch size must be positive'],
    ['a fractional batch size', { batchSize: [12.5] }, 'space.batchSize.0: batch size must be a whole number'],
    ['momentum of 1', { momentum: [1] }, 'space.momentum.0: momentum must be in [0, 1)'],
    ['negative momentum', { momentum: [-0.1] }, 'space.momentum.0: momentum must be in [0, 1)'],
    ['a repeated value', { batchSize: [32, 32] }, 'space.batchSize: the values for batchSize repeat a value'],
    [
      'an unknown optimizer',
      { optimizer: ['lbfgs'] },
      'space.optimizer.0: Invalid option: expected one of "sgd"|"adam"|"rmsprop"|"adagrad"|"adadelta"|"adamax"',
    ],
  ])('rejects %s with a message naming the field', (_label, spaceOverride, expected) => {
    expect(messages({ ...valid, space: { ...valid.space, ...spaceOverride } })).toEqual([expected]);
  });

  it('rejects a one-fold cross-validation and a tiny training slice', () => {
    expect(messages({ ...valid, validation: { kind: 'kfold', folds: 1 } })).toEqual(['validation.folds: k-fold needs at least 2 folds']);
    expect(messages({ ...valid, trainingSlice: 10 })).toEqual(['trainingSlice: training slice must be at least 100 images']);
  });

  it('rejects a blank name and a malformed dataset key', () => {
    expect(messages({ ...valid, name: '   ' })).toEqual(['name: name is required']);
    expect(messages({ ...valid, dataset: 'Fashion MNIST' })).toEqual([
      'dataset: dataset key must be lower-case letters, digits and dashes',
    ]);
  });
});

describe('search strategies', () => {
  it('refuses a distribution in a grid search, naming the strategies that take one', () => {
    expect(messages({ ...valid, space: { ...valid.space, learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 } } })).toEqual([
      "space.learningRate: grid search needs a list of values for learningRate; a distribution needs strategy 'random', 'asha', 'hyperband' or 'tpe'",
    ]);
  });

  it('accepts random search over distributions and fills their defaults', () => {
    const parsed = ZCreateExperimentRequest.parse({
      ...valid,
      strategy: { kind: 'random', trials: 20 },
      space: {
        ...valid.space,
        batchSize: { dist: 'int', low: 16, high: 256 },
        learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 },
      },
    });
    expect(parsed.space.batchSize).toEqual({ dist: 'int', low: 16, high: 256, step: 1, log: false });
    expect(parsed.budget).toEqual({});
    expect(parsed.augmentation).toBeNull();
  });

  it('refuses an empty range and a log-uniform range through zero', () => {
    expect(
      messages({
        ...valid,
        strategy: { kind: 'random', trials: 3 },
        space: { ...valid.space, momentum: { dist: 'uniform', low: 0.9, high: 0.5 } },
      }),
    ).toEqual(['space.momentum: the range of momentum is empty: low must be below high']);
  });

  it('makes ASHA own the epochs', () => {
    const asha = { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 };
    expect(messages({ ...valid, strategy: asha })).toEqual([
      "space.epochs: ASHA sets each trial's epochs from its rungs (minEpochs 1 to maxEpochs 9): remove space.epochs",
    ]);
    const { epochs: _epochs, ...withoutEpochs } = valid.space;
    expect(messages({ ...valid, strategy: asha, space: withoutEpochs })).toEqual([]);
    expect(messages({ ...valid, strategy: { ...asha, maxEpochs: 1 }, space: withoutEpochs })).toEqual([
      'strategy.maxEpochs: ASHA needs minEpochs below maxEpochs',
    ]);
    expect(messages({ ...valid, strategy: { kind: 'random', trials: 4 }, space: withoutEpochs })).toEqual([
      'space.epochs: random search needs space.epochs: a list of epoch counts',
    ]);
  });

  it('computes ASHA rungs and their largest populations', () => {
    expect(ashaRungEpochs({ minEpochs: 1, maxEpochs: 9, reductionFactor: 3 })).toEqual([1, 3, 9]);
    expect(ashaRungEpochs({ minEpochs: 1, maxEpochs: 6, reductionFactor: 3 })).toEqual([1, 3, 6]);
    expect(ashaRungEpochs({ minEpochs: 2, maxEpochs: 3, reductionFactor: 2 })).toEqual([2, 3]);
    expect(ashaRungPopulation(16, 3, 3)).toEqual([16, 5, 1]);
  });

  it('builds Hyperband brackets as Optuna does: floor(log_η(R/r)) + 1 of them, n_s = ceil(B·η^s/(s+1))', () => {
    expect(hyperbandBrackets({ minEpochs: 1, maxEpochs: 9, reductionFactor: 3 })).toEqual([
      { bracket: 0, firstRung: 0, allocation: 9 },
      { bracket: 1, firstRung: 1, allocation: 5 },
      { bracket: 2, firstRung: 2, allocation: 3 },
    ]);
    // R/r = 81 with η = 3: the paper's table (5 brackets: 81, 34, 15, 8, 5 configurations)
    expect(hyperbandBrackets({ minEpochs: 1, maxEpochs: 81, reductionFactor: 3 }).map((b) => b.allocation)).toEqual([81, 34, 15, 8, 5]);
    // R not a power of η times r: the last rung is R itself, and no bracket starts there
    expect(hyperbandBrackets({ minEpochs: 1, maxEpochs: 10, reductionFactor: 3 }).map((b) => b.firstRung)).toEqual([0, 1, 2]);
    expect(hyperbandBrackets({ minEpochs: 2, maxEpochs: 9, reductionFactor: 3 })).toHaveLength(2);
    expect(hyperbandIterationSize({ minEpochs: 1, maxEpochs: 9, reductionFactor: 3 })).toBe(17);
  });

  it('shares trials out over the brackets in their exact proportions, interleaved', () => {
    const schedule = { minEpochs: 1, maxEpochs: 9, reductionFactor: 3 };
    const assigned = hyperbandAssignments(schedule, 17);
    expect([0, 1, 2].map((b) => assigned.filter((x) => x === b).length)).toEqual([9, 5, 3]);
    // the first six trials already cover every bracket
    expect(new Set(assigned.slice(0, 6))).toEqual(new Set([0, 1, 2]));
    // a second iteration repeats the first
    expect(hyperbandAssignments(schedule, 34).slice(17)).toEqual(assigned);
    const strategy = ZSearchStrategy.parse({ kind: 'hyperband', minEpochs: 1, maxEpochs: 9 });
    expect(assigned.map((_, i) => firstRungOf(strategy, i + 1))).toEqual(assigned);
    expect(firstRungsOf(strategy, 17)).toEqual(assigned);
    expect(firstRungsOf(ZSearchStrategy.parse({ kind: 'tpe', trials: 3 }), 3)).toEqual([0, 0, 0]);
    expect(firstRungOf(ZSearchStrategy.parse({ kind: 'asha', minEpochs: 1, maxEpochs: 9 }), 5)).toBe(0);
  });

  it('fills TPE with Optuna-like defaults and lets early stopping own the epochs', () => {
    const { epochs: _epochs, ...withoutEpochs } = valid.space;
    const tpe = ZCreateExperimentRequest.parse({ ...valid, strategy: { kind: 'tpe', trials: 30 } });
    expect(tpe.strategy).toEqual({
      kind: 'tpe',
      trials: 30,
      startupTrials: 10,
      eiCandidates: 24,
      multivariate: false,
      constantLiar: true,
      parallelism: 2,
      earlyStopping: null,
    });
    expect(rungEpochsOf(tpe.strategy)).toBeNull();
    const early = { kind: 'tpe', trials: 30, earlyStopping: { minEpochs: 1, maxEpochs: 9 } };
    expect(messages({ ...valid, strategy: early })).toEqual([
      "space.epochs: TPE with early stopping sets each trial's epochs from its rungs (minEpochs 1 to maxEpochs 9): remove space.epochs",
    ]);
    expect(rungEpochsOf(ZCreateExperimentRequest.parse({ ...valid, strategy: early, space: withoutEpochs }).strategy)).toEqual([1, 3, 9]);
    expect(messages({ ...valid, strategy: { kind: 'tpe', trials: 0 } })).toEqual(['strategy.trials: Too small: expected number to be >=1']);
    expect(messages({ ...valid, strategy: { kind: 'hyperband', minEpochs: 3, maxEpochs: 3 }, space: withoutEpochs })).toEqual([
      'strategy.maxEpochs: Hyperband needs minEpochs below maxEpochs',
    ]);
  });
});

describe('progress events and job ids', () => {
  it('parses an epoch event and refuses an unknown type', () => {
    const epoch = {
      type: 'epoch',
      experimentId: 'e',
      trialId: 't',
      fold: 0,
      epochs: 3,
      metric: { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, seconds: 1.2 },
    };
    expect(ZProgressEvent.parse(epoch)).toEqual(epoch);
    expect(ZProgressEvent.safeParse({ ...epoch, type: 'bogus' }).success).toBe(false);
  });

  it('derives the same job id for the same fold, a different one for another fold', () => {
    const id = trainFoldJobId({ experimentId: 'abc', trialNumber: 3, fold: 1 });
    expect(id).toBe('exp-abc-trial-3-fold-1');
    expect(trainFoldJobId({ experimentId: 'abc', trialNumber: 3, fold: 2 })).not.toBe(id);
    expect(id).not.toContain(':');
  });
});

describe('a fine-tune request (baseModel)', () => {
  const base = {
    name: 'ft',
    dataset: 'fashion-mnist',
    space: {
      architecture: ['fine-tune'],
      batchSize: [32],
      epochs: [1],
      activation: ['relu'],
      optimizer: ['adam'],
      learningRate: [0.01],
      momentum: [0],
    },
  };
  const issues = (request: object) =>
    (ZCreateExperimentRequest.safeParse(request).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

  it('accepts name@alias, name/version and a model id, with freezeLayers fixed or searched', () => {
    for (const baseModel of ['fashion@production', 'fashion/2', '0b6a3c3e-9a52-4f4e-8d2c-2f5d1b7e9a10']) {
      expect(issues({ ...base, baseModel, space: { ...base.space, freezeLayers: [0, 2] } })).toEqual([]);
    }
    expect(mostFrozenLayers({ freezeLayers: [0, 3, 2] })).toBe(3);
    expect(mostFrozenLayers({ freezeLayers: { high: 4 } })).toBe(4);
    expect(mostFrozenLayers({})).toBe(0);
  });

  it('says how to write a reference, and refuses the fine-tune architecture and freezing without a base', () => {
    expect(issues({ ...base, baseModel: 'fashion' })).toEqual([
      "baseModel: 'fashion' is not a model reference: it has no '@alias' or '/version'. Write name@alias (e.g. fashion@production) or name/version (e.g. fashion/3), or the id of a stored model (GET /models/{id}).",
    ]);
    expect(issues(base)).toEqual([
      "baseModel: architecture 'fine-tune' trains a base model: name it in baseModel ('name@alias', 'name/version' or a model id)",
    ]);
    expect(issues({ ...base, space: { ...base.space, architecture: ['cnn-a'], freezeLayers: [1] } })).toEqual([
      'space.freezeLayers: freezeLayers freezes layers of a base model: set baseModel, or leave freezeLayers out (or at 0)',
    ]);
    expect(issues({ ...base, baseModel: 'fashion@production', space: { ...base.space, architecture: ['cnn-a'] } })).toEqual([
      "space.architecture: a fine-tune experiment trains the layers of its base model: set space.architecture to ['fine-tune']",
    ]);
  });
});
