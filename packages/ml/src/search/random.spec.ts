import { asGridSpace, ZSearchSpace, type TSearchSpace, type TSearchSpaceInput } from '@atelier/domain';
import { expandGrid } from './grid';
import { distinctPointCount, roundSignificant, sampleSpace } from './random';

const space = (input: Partial<TSearchSpaceInput>): TSearchSpace =>
  ZSearchSpace.parse({
    architecture: ['cnn-a', 'mlp'],
    batchSize: [32, 64, 128],
    epochs: [2],
    activation: ['relu', 'tanh'],
    optimizer: ['adam'],
    learningRate: [0.001],
    momentum: [0],
    ...input,
  });

const key = (p: object) => JSON.stringify(p);

describe('distinctPointCount', () => {
  it('multiplies list lengths and int-distribution value counts', () => {
    expect(distinctPointCount(space({}))).toBe(12);
    // 16, 24, …, 64: 7 values
    expect(distinctPointCount(space({ batchSize: { dist: 'int', low: 16, high: 64, step: 8 } }))).toBe(2 * 7 * 2);
    // (high - low) not a multiple of step: 16, 26, …, 56 (60 is not on the step)
    expect(distinctPointCount(space({ batchSize: { dist: 'int', low: 16, high: 60, step: 10 } }))).toBe(2 * 5 * 2);
  });

  it('is Infinity once a dimension is a float distribution', () => {
    expect(distinctPointCount(space({ learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 } }))).toBe(Infinity);
  });

  it('counts epochs from the option when ASHA owns them', () => {
    const s = space({ epochs: [1, 2, 3] });
    expect(distinctPointCount(s)).toBe(36);
    expect(distinctPointCount(s, { epochs: 1 })).toBe(12);
  });
});

describe('sampleSpace', () => {
  const mixed = space({
    batchSize: { dist: 'int', low: 16, high: 256, step: 16, log: true },
    epochs: [2, 4],
    optimizer: ['adam', 'sgd', 'rmsprop'],
    learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 },
    momentum: { dist: 'uniform', low: 0, high: 0.99 },
  });

  it('gives the same list for the same seed and another list for another seed', () => {
    const a = sampleSpace(mixed, 20, 42);
    expect(sampleSpace(mixed, 20, 42)).toEqual(a);
    const b = sampleSpace(mixed, 20, 43);
    expect(b.map(key)).not.toEqual(a.map(key));
    // A longer draw with the same seed starts with the shorter one: trial numbers keep their meaning.
    expect(sampleSpace(mixed, 30, 42).slice(0, 20)).toEqual(a);
  });

  it('draws every value inside its dimension, floats rounded to 6 significant digits, ints on the step', () => {
    const points = sampleSpace(mixed, 200, 7);
    expect(new Set(points.map(key)).size).toBe(200);
    for (const p of points) {
      expect(['cnn-a', 'mlp']).toContain(p.architecture);
      expect([2, 4]).toContain(p.epochs);
      expect(['adam', 'sgd', 'rmsprop']).toContain(p.optimizer);
      expect(p.batchSize % 16).toBe(0);
      expect(p.batchSize).toBeGreaterThanOrEqual(16);
      expect(p.batchSize).toBeLessThanOrEqual(256);
      expect(p.learningRate).toBeGreaterThanOrEqual(1e-4);
      expect(p.learningRate).toBeLessThanOrEqual(1e-1);
      expect(p.momentum).toBeGreaterThanOrEqual(0);
      expect(p.momentum).toBeLessThanOrEqual(0.99);
      expect(roundSignificant(p.learningRate)).toBe(p.learningRate);
      expect(roundSignificant(p.momentum)).toBe(p.momentum);
    }
  });

  it('spreads log-uniform draws evenly over decades and uniform draws evenly over the range', () => {
    const points = sampleSpace(mixed, 3000, 1);
    const decades = [0, 0, 0];
    for (const p of points) decades[Math.min(2, Math.floor(Math.log10(p.learningRate / 1e-4)))]!++;
    // 3000 draws, 1000 expected per decade; ±10% is > 6 standard deviations wide
    for (const n of decades) expect(Math.abs(n - 1000)).toBeLessThan(100);
    const lowHalf = points.filter((p) => p.momentum < 0.495).length;
    expect(Math.abs(lowHalf - 1500)).toBeLessThan(150);
    // log int batch sizes: 16..64 spans two doublings like 64..256, so each gets about half
    const small = points.filter((p) => p.batchSize < 64).length;
    const large = points.filter((p) => p.batchSize > 64).length;
    expect(small / large).toBeGreaterThan(0.75);
    expect(small / large).toBeLessThan(1.33);
  });

  it('covers every point of a list-only space when asked for all of them, and never repeats one', () => {
    const grid = space({});
    const points = sampleSpace(grid, 12, 5);
    expect(new Set(points.map(key))).toEqual(new Set(expandGrid(asGridSpace(grid)!).map(key)));
  });

  it('refuses more points than the space holds, saying how many it holds', () => {
    expect(() => sampleSpace(space({}), 13, 1)).toThrow('the search space holds 12 distinct points but 13 were requested');
    expect(() => sampleSpace(space({ architecture: ['mlp'], batchSize: [32], activation: ['relu'] }), 2, 1)).toThrow(
      'holds 1 distinct point but 2 were requested',
    );
  });

  it('sets every point to the fixed epochs ASHA passes, and needs epochs from somewhere', () => {
    const { epochs: _omit, ...rest } = mixed;
    const noEpochs = rest as TSearchSpace;
    const points = sampleSpace(noEpochs, 10, 3, { epochs: 1 });
    expect(points.every((p) => p.epochs === 1)).toBe(true);
    expect(() => sampleSpace(noEpochs, 10, 3)).toThrow('the search space has no epochs');
  });

  it('draws ints without log uniformly over the step values', () => {
    const s = space({ architecture: ['mlp'], activation: ['relu'], batchSize: { dist: 'int', low: 10, high: 40, step: 10 } });
    expect(
      sampleSpace(s, 4, 9)
        .map((p) => p.batchSize)
        .sort((a, b) => a - b),
    ).toEqual([10, 20, 30, 40]);
  });

  it('rounds to 6 significant digits', () => {
    expect(roundSignificant(0.0012345678)).toBe(0.00123457);
    expect(roundSignificant(123.4567891)).toBe(123.457);
    expect(roundSignificant(0)).toBe(0);
  });
});
