import * as tf from '@tensorflow/tfjs';
import { backendInfo, selectBackend } from './select-backend';

const KERNEL_PROBE = 'Conv2DBackpropFilter';

describe('selectBackend', () => {
  it('honours a preferred cpu backend and labels it with the tfjs version', async () => {
    const info = await selectBackend({ preferred: 'cpu', env: {} });
    expect(info).toEqual({ name: 'cpu', version: tf.version_core, label: `cpu (tfjs ${tf.version_core})`, skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(backendInfo()).toBe(info);
    // Idempotent: the same object, no re-selection.
    expect(await selectBackend({ preferred: 'cpu', env: {} })).toBe(info);
  });

  it('lets ATELIER_TF_BACKEND override the preference and registers the training kernels on wasm', async () => {
    const info = await selectBackend({ preferred: 'cpu', env: { ATELIER_TF_BACKEND: 'wasm' } });
    expect(info.name).toBe('wasm');
    expect(info.label).toMatch(/^wasm \(tfjs 4\.22\.0(, SIMD)?/);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel(KERNEL_PROBE, 'wasm')).toBeDefined();
    // A CNN's weight gradient runs on wasm.
    const grad = tf.tidy(() => {
      const x = tf.ones([1, 4, 4, 1]);
      const g = tf.grad((f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 1]));
      return Array.from(g.dataSync());
    });
    expect(grad).toEqual(new Array(9).fill(4));
  });

  it('falls back when tfjs-node is not installed and says why', async () => {
    const info = await selectBackend({ preferred: 'tensorflow', env: {} });
    expect(info.name).toBe('wasm');
    expect(info.skipped).toEqual(['tensorflow: @tensorflow/tfjs-node is not installed']);
  });

  it('rejects an unknown ATELIER_TF_BACKEND value', async () => {
    await expect(selectBackend({ env: { ATELIER_TF_BACKEND: 'webgpu' } })).rejects.toThrow(
      'ATELIER_TF_BACKEND must be one of tensorflow, wasm, cpu, got "webgpu"',
    );
  });

  afterAll(async () => {
    await tf.setBackend('cpu');
  });
});
