import { spawn } from 'node:child_process';
import path from 'node:path';
import type { TRunDetail, TRunList } from '@atelier/domain';
import { TEST_ADMIN } from '../harness/auth';
import { apiJson } from '../harness/search';
import { REPO_ROOT, type Stack, startStack } from '../harness/stack';

// examples/node-train, run as a user runs it (`node train.mjs` with ATELIER_URL set), on 64
// images for one epoch: the run it logs is completed, with its epoch curves and its model.

function runExample(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'examples/node-train/train.mjs')], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('examples/node-train', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
  });
  afterAll(async () => {
    await (stack as Stack | undefined)?.stop();
  });

  it('trains a CNN on Fashion-MNIST and logs it, with its curves and its model', async () => {
    const datasetDir = path.join(process.env.ATELIER_DATASET_DIR ?? path.resolve(REPO_ROOT, '../shared/datasets'), 'fashion-mnist');
    const { code, output } = await runExample({
      ATELIER_URL: stack.apiUrl,
      // what a user's CI passes: the token the SDK signs with
      ATELIER_TOKEN: TEST_ADMIN.token,
      DATASET_DIR: datasetDir,
      TRAIN_IMAGES: '64',
      EPOCHS: '1',
    });
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining(`logged to ${stack.apiUrl}/runs/`) as unknown });

    const list = (await apiJson(stack.apiUrl, `/runs?experiment=${encodeURIComponent('fashion-mnist cnn (node)')}`)) as TRunList;
    expect(list.total).toBe(1);
    const run = (await apiJson(stack.apiUrl, `/runs/${list.items[0]!.id}`)) as TRunDetail;
    expect(run.status).toBe('completed');
    expect(run.params).toMatchObject({ dataset: 'fashion-mnist', epochs: 1, trainImages: 64, 'model.optimizer': 'Adam', 'fit.epochs': 1 });
    expect(Object.keys(run.metrics).sort()).toEqual(
      expect.arrayContaining(['accuracy', 'loss', 'val_accuracy', 'val_loss', 'learning_rate', 'images_per_second']),
    );
    expect(run.metrics.val_accuracy?.lastStep).toBe(1);
    expect(run.artifacts.map((artifact) => [artifact.kind, artifact.name])).toEqual([['model', 'model']]);
  });
});
