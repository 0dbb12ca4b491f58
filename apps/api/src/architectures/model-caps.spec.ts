import type { TArchitectureSpec } from '@atelier/domain';
import { architectureFitIssues, parameterCapIssue } from './model-caps';

const CAPS = { maxParameters: 50_000_000, maxTrainingMemoryMb: 4_096 };
const FASHION = { key: 'fashion-mnist', imageShape: [28, 28, 1] as const, numClasses: 10 };
const SMALL: TArchitectureSpec = { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 16 }] };

describe('parameterCapIssue', () => {
  it('passes a count at the cap and refuses one above it with both numbers', () => {
    expect(parameterCapIssue('a', 50_000_000, CAPS, 'x')).toBeNull();
    expect(parameterCapIssue('a', 50_000_001, CAPS, 'the images')).toMatch(
      /^Architecture 'a' has 50,000,001 parameters for the images; the cap is 50,000,000 \(ATELIER_MAX_MODEL_PARAMS\)/,
    );
  });
});

describe('architectureFitIssues', () => {
  it('accepts a small architecture on the builtin shape', () => {
    expect(architectureFitIssues({ key: 'small', spec: SMALL }, FASHION, { maxBatchSize: 512, optimizers: ['adam'] }, CAPS)).toEqual([]);
  });

  it("names the layer that cannot take the dataset's images", () => {
    const pools: TArchitectureSpec = {
      kind: 'layers',
      layers: [{ type: 'maxPooling2d', poolSize: 4 }, { type: 'maxPooling2d', poolSize: 4 }, { type: 'flatten' }],
    };
    const [issue] = architectureFitIssues(
      { key: 'pools', spec: pools },
      { key: 'tiny', imageShape: [8, 8, 1], numClasses: 3 },
      { maxBatchSize: 32, optimizers: ['sgd'] },
      CAPS,
    );
    expect(issue).toMatch(/^Architecture 'pools' cannot be built for the 8×8×1 images of 'tiny': layer 2 \(maxPooling2d\)/);
  });

  it('refuses the memory of the largest batch with the optimizer holding the most state', () => {
    const [issue] = architectureFitIssues(
      { key: 'small', spec: SMALL },
      FASHION,
      { maxBatchSize: 8192, optimizers: ['sgd', 'adam'] },
      { ...CAPS, maxTrainingMemoryMb: 10 },
    );
    // (784 + 784 + 16 + 10) floats × 8192 images × 2 × 4 bytes ≈ 100 MiB, plus 12,730 parameters × 16 bytes
    expect(issue).toMatch(/^Training architecture 'small' .* with batch size 8192 and adam needs about 100 MiB .* the cap is 10 MiB/);
  });
});
