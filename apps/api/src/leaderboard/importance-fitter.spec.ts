import { parameterImportance } from '@atelier/ml/search/importance';
import { ImportanceFitter } from './importance-fitter';

const ARCHITECTURES = ['cnn-a', 'mlp', 'cnn-b', 'cnn-c'];
const trials = Array.from({ length: 2000 }, (_, n) => ({
  hyperparameters: {
    architecture: ARCHITECTURES[n % 4]!,
    batchSize: [32, 64, 128, 256][(n >> 2) % 4]!,
    learningRate: ((n * 7919) % 1000) / 10_000,
  },
  score: 0.5 + (n % 4) * 0.1 + ((n * 104729) % 100) / 1000,
}));
const options = { dimensions: ['architecture', 'batchSize', 'learningRate'] as const, seed: 7, excludedDiverged: 2 };

describe('ImportanceFitter', () => {
  const fitter = new ImportanceFitter();
  afterAll(() => fitter.onModuleDestroy());

  it('fits on a worker thread the same importance as in-process, and the event loop keeps turning meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const [fitted, again] = await Promise.all([fitter.fit(trials, options), fitter.fit(trials, { ...options, seed: 8 })]);
      expect(ticks).toBeGreaterThan(0);
      expect(fitted).toEqual(parameterImportance(trials, options));
      expect(again).toEqual(parameterImportance(trials, { ...options, seed: 8 }));
      expect(fitted?.trials).toBe(200);
    } finally {
      clearInterval(timer);
    }
  });

  it('fits in-process when the worker dies', async () => {
    const dying = new ImportanceFitter();
    const answer = dying.fit(trials.slice(0, 50), options);
    await dying.onModuleDestroy(); // terminated with the fit under way
    expect(await answer).toEqual(parameterImportance(trials.slice(0, 50), options));
    // and a fresh worker is started for the next one
    expect(await dying.fit(trials.slice(0, 60), options)).toEqual(parameterImportance(trials.slice(0, 60), options));
    await dying.onModuleDestroy();
  });
});
