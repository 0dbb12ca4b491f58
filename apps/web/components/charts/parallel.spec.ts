import type { THyperparameters } from '@atelier/domain';
import { brushedTrialNumbers, parallelAxes, thinTicks, tickLabel, withBrushedTrials, type ParallelRow } from './parallel';

const hp = (overrides: Partial<THyperparameters>): THyperparameters => ({
  architecture: 'cnn-a',
  batchSize: 32,
  epochs: 2,
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0,
  ...overrides,
});
const row = (number: number, overrides: Partial<THyperparameters>, score: number): ParallelRow => ({
  number,
  hyperparameters: hp(overrides),
  score,
});

describe('parallelAxes', () => {
  it('draws only the given dimensions that vary, then the score: epochs never when the API leaves it out', () => {
    const rows = [
      row(1, { epochs: 1, optimizer: 'adam' }, 0.8),
      row(2, { epochs: 3, optimizer: 'sgd' }, 0.7),
      row(3, { epochs: 9, optimizer: 'adam' }, 0.9),
    ];
    expect(parallelAxes(rows, ['optimizer']).map((a) => a.key)).toEqual(['optimizer', 'score']);
    expect(parallelAxes(rows, ['epochs', 'optimizer']).map((a) => a.key)).toEqual(['epochs', 'optimizer', 'score']);
  });

  it('puts the learning rate on a log axis with power-of-ten ticks, never overlapping', () => {
    const rates = [1.3e-4, 2.2e-4, 5e-4, 8e-4, 1.1e-3, 3e-3, 6e-3, 9e-3, 2e-2, 4.4e-2];
    const axis = parallelAxes(
      rates.map((learningRate, i) => row(i + 1, { learningRate }, 0.5 + i / 100)),
      ['learningRate'],
    )[0]!;
    expect(axis.kind).toBe('log');
    expect(axis.ticks.map((t) => t.label)).toEqual(['0.001', '0.01']);
    expect(axis.position(1e-3)).toBeCloseTo((Math.log10(1e-3) - Math.log10(1.3e-4)) / (Math.log10(4.4e-2) - Math.log10(1.3e-4)), 12);
  });

  it('labels every category on a categorical axis, and thins labels that would collide', () => {
    const activations = ['relu', 'tanh', 'elu', 'selu', 'sigmoid'] as const;
    const rows = activations.map((activation, i) => row(i + 1, { activation }, 0.8));
    expect(parallelAxes(rows, ['activation'])[0]!.ticks.map((t) => t.label)).toEqual(['elu', 'relu', 'selu', 'sigmoid', 'tanh']);
    // on a short axis (labels need a third of it) only every other one fits, the top kept
    expect(parallelAxes(rows, ['activation'], 0.3)[0]!.ticks.map((t) => t.label)).toEqual(['elu', 'selu', 'tanh']);
  });

  it('gives a spread of linear values round ticks', () => {
    const axis = parallelAxes(
      Array.from({ length: 12 }, (_, i) => row(i + 1, { momentum: 0.03 + i * 0.075 }, 0.8)),
      ['momentum'],
    )[0]!;
    expect(axis.kind).toBe('linear');
    expect(axis.ticks.map((t) => t.label)).toEqual(['0.2', '0.4', '0.6', '0.8']);
  });
});

describe('thinTicks and tickLabel', () => {
  it('drops ticks closer than the gap', () => {
    const ticks = [0, 0.02, 0.5, 0.97, 1].map((at) => ({ at, label: String(at) }));
    expect(thinTicks(ticks, 0.05).map((t) => t.at)).toEqual([0, 0.5, 1]);
  });
  it('prints small rates in scientific notation', () => {
    expect([tickLabel(0.0001), tickLabel(0.01), tickLabel(128), tickLabel(0.123456)]).toEqual(['1e−4', '0.01', '128', '0.123']);
  });
});

describe('brushing', () => {
  const rows = [
    row(1, { learningRate: 0.1, optimizer: 'adam' }, 0.9),
    row(2, { learningRate: 0.001, optimizer: 'sgd' }, 0.7),
    row(3, { learningRate: 0.01, optimizer: 'adam' }, 0.8),
    row(4, { learningRate: 0.0001, optimizer: 'sgd' }, 0.6),
  ];
  const axes = parallelAxes(rows, ['optimizer', 'learningRate']);

  it('keeps the trials inside every brushed range', () => {
    expect(brushedTrialNumbers(rows, axes, {})).toBeNull();
    // learning rate from 10^-3 up (log positions 1/3 .. 1)
    expect(brushedTrialNumbers(rows, axes, { learningRate: { from: 0.3, to: 1 } })).toEqual([1, 2, 3]);
    // ... and the score's top half (0.75 .. 0.9)
    expect(brushedTrialNumbers(rows, axes, { learningRate: { from: 0.3, to: 1 }, score: { from: 0.5, to: 1 } })).toEqual([1, 3]);
    // categories: sgd sits at the top of the optimizer axis
    expect(brushedTrialNumbers(rows, axes, { optimizer: { from: 0.9, to: 1 } })).toEqual([2, 4]);
    expect(brushedTrialNumbers(rows, axes, { optimizer: { from: 0.9, to: 1 }, score: { from: 0.9, to: 1 } })).toEqual([]);
  });

  it('narrows the trials-table query to the brushed trial numbers', () => {
    const query = { sort: 'number', offset: 0 };
    expect(withBrushedTrials(query, null)).toBe(query);
    expect(withBrushedTrials(query, [1, 3])).toEqual({ sort: 'number', offset: 0, number: '1,3' });
    expect(withBrushedTrials(query, [])).toEqual({ sort: 'number', offset: 0, number: '0' });
  });
});
