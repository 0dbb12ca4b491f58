import { estimateTrainingMemory, OPTIMIZER_SLOTS } from './footprint';
import { summarizeArchitecture } from './summary';

const MIB = 1024n * 1024n;

describe('estimateTrainingMemory', () => {
  it('counts weights, gradients and optimizer slots, and a batch of activations and their gradients, in float32 bytes', () => {
    // flatten 784 → dense 10 (output): 7,850 parameters; activations per image 784 (input) + 784 + 10
    const summary = summarizeArchitecture({ kind: 'layers', layers: [{ type: 'flatten' }] }, { inputShape: [28, 28, 1], numClasses: 10 });
    expect(summary.parameterCount).toBe(7_850);
    const adam = estimateTrainingMemory({ summary, inputShape: [28, 28, 1], batchSize: 32, optimizer: 'adam' });
    expect(adam.parameterBytes).toBe(7_850n * 4n * 4n); // weights + gradients + 2 adam slots
    expect(adam.activationBytes).toBe((784n + 784n + 10n) * 32n * 2n * 4n);
    expect(adam.bytes).toBe(adam.parameterBytes + adam.activationBytes);
    expect(adam.megabytes).toBe(1n); // 529,984 bytes, rounded up
    const sgd = estimateTrainingMemory({ summary, inputShape: [28, 28, 1], batchSize: 32, optimizer: 'sgd' });
    expect(sgd.parameterBytes).toBe(7_850n * 4n * (2n + BigInt(OPTIMIZER_SLOTS.sgd)));
  });

  it('stays exact for a 6.6-billion-parameter layer list at the largest batch size (BigInt, no overflow or rounding)', () => {
    const spec = {
      kind: 'layers' as const,
      layers: [
        { type: 'conv2d' as const, filters: 1024, kernelSize: 3, padding: 'same' as const },
        { type: 'flatten' as const },
        { type: 'dense' as const, units: 8192 },
      ],
    };
    const summary = summarizeArchitecture(spec, { inputShape: [28, 28, 1], numClasses: 10 });
    expect(summary.parameterCount).toBe(6_576_769_034);
    const estimate = estimateTrainingMemory({ summary, inputShape: [28, 28, 1], batchSize: 8192, optimizer: 'adam' });
    const perImage = 784n + 802_816n + 802_816n + 8192n + 10n;
    expect(estimate.bytes).toBe(6_576_769_034n * 16n + perImage * 8192n * 8n);
    expect(estimate.megabytes).toBe((estimate.bytes + MIB - 1n) / MIB);
  });

  it('refuses a batch size that is not a positive integer', () => {
    const summary = { layers: [], parameterCount: 10 };
    expect(() => estimateTrainingMemory({ summary, inputShape: [1, 1, 1], batchSize: 0, optimizer: 'adam' })).toThrow(
      'batch size must be a positive integer, got 0',
    );
  });
});
