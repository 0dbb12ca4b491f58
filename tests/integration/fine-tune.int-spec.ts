import type { PrismaClient } from '@atelier/db/client';
import { type TCreateExperimentRequest, ZModelVersion, ZRegisteredModelDetail } from '@atelier/domain';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { readModelZip } from '@atelier/ml/io/model-export';
import type * as tf from '@tensorflow/tfjs';
import { api, createExperiment, openDatabase, waitForExperiment } from '../harness/search';
import { type Stack, startStack } from '../harness/stack';

// Fine-tuning end to end, through the built API and worker: a small MLP trained on an MNIST slice
// is refit, registered and aliased; a search on a Fashion-MNIST slice starts from it by alias,
// with freezeLayers searched; its trials record the parent, and the fine-tuned refit's frozen
// layers hold the parent's weights bit for bit while its head does not.

const small = {
  batchSize: [64],
  epochs: [1],
  activation: ['relu' as const],
  optimizer: ['adam' as const],
  learningRate: [0.003],
  momentum: [0],
};

const base: TCreateExperimentRequest = {
  name: 'digits base',
  dataset: 'mnist',
  space: { architecture: ['mlp'], ...small },
  validation: { kind: 'kfold', folds: 2 },
  trainingSlice: 200,
  seed: 5,
  priority: 1,
};

// mlp: Flatten → Dense 256 → Dropout → Dense 128 → output: 5 layers, so at most 4 frozen
const fineTune: TCreateExperimentRequest = {
  name: 'fashion from digits',
  dataset: 'fashion-mnist',
  baseModel: 'digits@production',
  space: { architecture: ['fine-tune'], ...small, freezeLayers: [2, 4] },
  validation: { kind: 'kfold', folds: 2 },
  trainingSlice: 200,
  seed: 6,
  priority: 1,
};

/** Every layer's weights as bytes, in layer order (getWeights() puts frozen weights last). */
function layerBytes(model: tf.LayersModel): Buffer[][] {
  return model.layers
    .filter((layer) => layer.getClassName() !== 'InputLayer')
    .map((layer) => layer.getWeights().map((w) => Buffer.from((w.dataSync() as Float32Array).slice().buffer)));
}

describe('fine-tuning from a registered model', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  beforeAll(async () => {
    stack = await startStack({ worker: true, workerConcurrency: 2 });
    prisma = openDatabase(stack);
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  it('trains a base, registers it, fine-tunes from name@alias and records the parent; frozen layers stay bit for bit', async () => {
    const parentSearch = await waitForExperiment(stack, (await createExperiment(stack, base)).id, { timeoutMs: 40_000, refit: true });
    expect(parentSearch.refit?.status).toBe('completed');
    const parentModelId = parentSearch.refit!.model!.id;
    expect((await api(stack, 'POST', '/registered-models', { name: 'digits' })).status).toBe(201);
    expect((await api(stack, 'POST', '/registered-models/digits/versions', { runId: parentSearch.refit!.trialId })).status).toBe(201);
    expect((await api(stack, 'PUT', '/registered-models/digits/aliases/production', { version: 1 })).status).toBe(200);

    const created = await createExperiment(stack, fineTune);
    expect(created.parentModel).toEqual({ id: parentModelId, reference: 'digits/1' });
    const done = await waitForExperiment(stack, created.id, { timeoutMs: 40_000, refit: true });
    expect(done.status).toBe('completed');
    expect(done.parentModel).toEqual({ id: parentModelId, reference: 'digits/1' });
    expect(done.trials.map((t) => [t.status, t.hyperparameters.freezeLayers, t.folds.map((f) => f.status)])).toEqual([
      ['completed', 2, ['completed', 'completed']],
      ['completed', 4, ['completed', 'completed']],
    ]);
    expect(done.refit).toMatchObject({ status: 'completed', error: null });
    expect(done.refit!.model!.parentModel).toEqual({ id: parentModelId, reference: 'digits/1' });

    // the fine-tuned model, registered, shows its lineage in the registry
    expect((await api(stack, 'POST', '/registered-models', { name: 'fashion' })).status).toBe(201);
    const version = await api(stack, 'POST', '/registered-models/fashion/versions', { modelId: done.refit!.model!.id });
    expect(version.status).toBe(201);
    expect(ZModelVersion.parse(version.json).model.parentModel).toEqual({ id: parentModelId, reference: 'digits/1' });
    const registered = ZRegisteredModelDetail.parse((await api(stack, 'GET', '/registered-models/fashion')).json);
    expect(registered.versions[0]!.card).toMatchObject({ parentModel: { id: parentModelId, reference: 'digits/1' } });

    // bit for bit: the refit trial's frozen layers are the parent's, its head is not
    const freeze = done.trials.find((t) => t.id === done.refit!.trialId)!.hyperparameters.freezeLayers!;
    const [parentRow, childRow] = await Promise.all([
      prisma.artifact.findUniqueOrThrow({ where: { id: parentModelId } }),
      prisma.artifact.findUniqueOrThrow({ where: { id: done.refit!.model!.id } }),
    ]);
    await selectBackend({ preferred: 'wasm' });
    const parent = await readModelZip(new Uint8Array(parentRow.content!));
    const child = await readModelZip(new Uint8Array(childRow.content!));
    try {
      expect(child.card.parentModel).toEqual({ id: parentModelId, reference: 'digits/1' });
      const [p, c] = [layerBytes(parent.model), layerBytes(child.model)];
      expect(c).toHaveLength(5);
      for (let layer = 0; layer < freeze; layer++) {
        expect(c[layer]!.map((w, i) => w.equals(p[layer]![i]!))).toEqual(p[layer]!.map(() => true));
      }
      // Dense 256 is layer 1: frozen in both trials; the head (layer 4) always trains
      expect(p[1]!.length).toBe(2);
      expect(c[4]![0]!.equals(p[4]![0]!)).toBe(false);
    } finally {
      parent.model.dispose();
      child.model.dispose();
    }
  }, 120_000);
});
