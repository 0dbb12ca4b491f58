import {
  DEFAULTED_HYPERPARAMETER_NAMES,
  HYPERPARAMETER_NAMES,
  HYPERPARAMETERS,
  hyperparameterDefinition,
  hyperparameterValue,
  resolveHyperparameters,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  ZHyperparameters,
} from './hyperparameters';
import { acceptsDistribution, dimensionSchema } from './search';

const stored = {
  architecture: 'cnn-a',
  batchSize: 32,
  epochs: 2,
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.01,
  momentum: 0,
} as const;

describe('the hyperparameter registry', () => {
  it('lists the hyperparameters in registry order, the order grids expand and samplers draw in', () => {
    expect(HYPERPARAMETER_NAMES.slice(0, 7)).toEqual([
      'architecture',
      'batchSize',
      'epochs',
      'activation',
      'optimizer',
      'learningRate',
      'momentum',
    ]);
    expect(SEARCHABLE_HYPERPARAMETER_NAMES).toEqual(HYPERPARAMETER_NAMES.filter((name) => hyperparameterDefinition(name).searchable));
  });

  it.each(HYPERPARAMETER_NAMES)('%s: its default, its choices and its form field are values its own schemas accept', (name) => {
    const definition = hyperparameterDefinition(name);
    if (definition.default !== undefined) {
      expect(definition.value.safeParse(definition.default).success).toBe(true);
      expect(DEFAULTED_HYPERPARAMETER_NAMES).toContain(name);
    }
    for (const choice of definition.choices ?? []) expect(definition.value.parse(choice)).toBe(choice);
    const { initial, distributions = [], range } = definition.form;
    if (typeof initial === 'string') {
      const values = initial.split(',').map(Number);
      expect(dimensionSchema(name, definition, true).safeParse(values).success).toBe(true);
    } else if (name !== 'architecture') {
      expect(dimensionSchema(name, definition, true).safeParse([...initial]).success).toBe(true);
    }
    // the form can only offer a distribution the space accepts, over a range it accepts
    if (distributions.length > 0) {
      expect(acceptsDistribution(definition)).toBe(true);
      for (const dist of distributions) {
        expect([name, dist, dimensionSchema(name, definition, false).safeParse({ dist, low: range![0], high: range![1] }).success]).toEqual(
          [name, dist, true],
        );
      }
    }
    expect(definition.label).not.toBe('');
    expect(definition.short).not.toBe('');
  });

  it('only numbers take distributions, and epochs only lists (rungs or lists set it)', () => {
    expect(SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => acceptsDistribution(hyperparameterDefinition(name)))).toEqual(
      SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => name !== 'epochs' && HYPERPARAMETERS[name].kind !== 'categorical'),
    );
  });
});

describe('ZHyperparameters', () => {
  it('reads a params document: the hyperparameters, nothing else', () => {
    expect(ZHyperparameters.parse({ ...stored, tags: { team: 'vision' }, 'optimizer.beta1': 0.9 })).toEqual(stored);
  });

  it('requires every hyperparameter without a default, with a message naming it', () => {
    const { momentum: _momentum, ...withoutMomentum } = stored;
    const result = ZHyperparameters.safeParse(withoutMomentum);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['momentum']);
    expect(ZHyperparameters.safeParse({ ...stored, batchSize: 0 }).error!.issues[0]!.message).toBe('batch size must be positive');
  });

  it('keeps a hyperparameter with a default absent when the document lacks it; resolving fills the defaults in', () => {
    const parsed = ZHyperparameters.parse(stored);
    for (const name of DEFAULTED_HYPERPARAMETER_NAMES) expect(parsed[name]).toBeUndefined();
    const resolved = resolveHyperparameters(parsed) as Record<string, unknown>;
    for (const name of HYPERPARAMETER_NAMES) {
      expect([name, resolved[name]]).toEqual([name, (parsed as Record<string, unknown>)[name] ?? hyperparameterDefinition(name).default]);
      expect(hyperparameterValue(parsed, name)).toBe(resolved[name]);
    }
    // a value the trial holds wins over the default
    expect(resolveHyperparameters({ momentum: 0.5 }).momentum).toBe(0.5);
  });
});

describe('the hyperparameters added after the first seven', () => {
  it('all have a default, so runs stored before them parse and train as they did', () => {
    expect(DEFAULTED_HYPERPARAMETER_NAMES).toEqual(['dropout', 'weightDecay', 'labelSmoothing', 'erasingProbability', 'freezeLayers']);
    const parsed = ZHyperparameters.parse(stored);
    expect(parsed).toEqual(stored);
    expect(resolveHyperparameters(parsed)).toEqual({
      ...stored,
      dropout: 0,
      weightDecay: 0,
      labelSmoothing: 0,
      erasingProbability: 0,
      freezeLayers: 0,
    });
    expect(ZHyperparameters.parse({ ...stored, dropout: 0.5, weightDecay: 1e-4 })).toEqual({ ...stored, dropout: 0.5, weightDecay: 1e-4 });
  });

  it.each([
    ['dropout', 1, 'dropout must be in [0, 1)'],
    ['weightDecay', -1e-4, 'weight decay must be in [0, 1]'],
    ['labelSmoothing', 1, 'label smoothing must be in [0, 1)'],
    ['erasingProbability', 1.5, 'erasing probability must be in [0, 1]'],
    ['freezeLayers', 1.5, 'freeze layers must be a whole number of layers'],
    ['freezeLayers', -1, 'freeze layers must be at least 0'],
  ])('%s = %s is refused: %s', (name, value, message) => {
    expect(ZHyperparameters.safeParse({ ...stored, [name]: value }).error!.issues[0]!.message).toBe(message);
  });
});
