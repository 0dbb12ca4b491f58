import { createHash } from 'node:crypto';
import { type TCreateExperimentRequest, ZExperimentDetail, ZModelArtifact, ZRegisteredModelDetail } from '@atelier/domain';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { buildModelZip, makeModelCard } from '@atelier/ml/io/model-export';
import { buildModel } from '@atelier/ml/models/build-model';
import { seedExperiment } from './seed-trials';
import { errorOf, startTestApp, type TestApp } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** conv → flatten → dense(8) → output(10): 4 layers, built for `size`×`size` images. */
async function baseZip(size: number): Promise<Uint8Array> {
  const model = buildModel({
    spec: {
      kind: 'layers',
      layers: [{ type: 'conv2d', filters: 2, kernelSize: 3, strides: 2 }, { type: 'flatten' }, { type: 'dense', units: 8 }],
    },
    inputShape: [size, size, 1],
    numClasses: 10,
    activation: 'relu',
    seed: size,
  });
  try {
    return await buildModelZip({
      model,
      card: makeModelCard({
        name: `digits ${size}`,
        architecture: 'tiny-cnn',
        dataset: { key: 'mnist', name: 'MNIST' },
        classNames: DIGITS,
        imageSize: { height: size, width: size },
        hyperparameters: null,
        crossValidation: null,
        test: null,
        backend: 'test',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    });
  } finally {
    model.dispose();
  }
}

function fineTune(baseModel: string, space: Partial<TCreateExperimentRequest['space']> = {}): TCreateExperimentRequest {
  return {
    name: 'fine-tune on fashion',
    dataset: 'fashion-mnist',
    baseModel,
    space: {
      architecture: ['fine-tune'],
      batchSize: [32],
      epochs: [1],
      activation: ['relu'],
      optimizer: ['adam'],
      learningRate: [0.001],
      momentum: [0],
      freezeLayers: [0, 2],
      ...space,
    },
    validation: { kind: 'kfold', folds: 2 },
    trainingSlice: 200,
    seed: 3,
  };
}

describe('fine-tuning: a search from a registered or stored model (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let parentExperimentId: string;
  let parentRunId: string;
  const models: Record<'digits' | 'wide', string> = { digits: '', wide: '' };

  async function storeModel(experimentId: string, runId: string, zip: Uint8Array): Promise<string> {
    const artifact = await t.prisma.artifact.create({
      data: {
        experimentId,
        trialId: runId,
        kind: 'model',
        content: Uint8Array.from(zip),
        sizeBytes: BigInt(zip.byteLength),
        sha256: createHash('sha256').update(zip).digest('hex'),
        metadata: { backend: 'test', format: 'zip' },
      },
    });
    return artifact.id;
  }

  async function register(name: string, modelId: string, alias: string) {
    expect((await t.request().post('/registered-models').send({ name })).status).toBe(201);
    expect((await t.request().post(`/registered-models/${name}/versions`).send({ modelId })).status).toBe(201);
    expect((await t.request().put(`/registered-models/${name}/aliases/${alias}`).send({ version: 1 })).status).toBe(200);
  }

  const counts = async () => ({ experiments: await t.prisma.experiment.count(), runs: await t.prisma.run.count() });

  beforeAll(async () => {
    await selectBackend({ env: {} });
    t = await startTestApp();
    const seeded = await seedExperiment(t.prisma, {
      name: 'digits search',
      dataset: 'mnist',
      trials: [{ number: 1, meanValAccuracy: 0.9 }],
    });
    parentExperimentId = seeded.id;
    parentRunId = seeded.trialIds[0]!;
    models.digits = await storeModel(parentExperimentId, parentRunId, await baseZip(28));
    models.wide = await storeModel(parentExperimentId, parentRunId, await baseZip(32));
    await register('digits', models.digits, 'production');
    await register('wide', models.wide, 'production');
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  it('creates a search from name@alias: the experiment records its parent as the version the alias named, each trial a freezeLayers', async () => {
    const response = await t.request().post('/experiments').send(fineTune('digits@production'));
    expect(response.status).toBe(201);
    const created = ZExperimentDetail.parse(response.body);
    expect(created.parentModel).toEqual({ id: models.digits, reference: 'digits/1' });
    expect(created.trials.map((trial) => [trial.hyperparameters.architecture, trial.hyperparameters.freezeLayers])).toEqual([
      ['fine-tune', 0],
      ['fine-tune', 2],
    ]);
    const row = await t.prisma.experiment.findUniqueOrThrow({ where: { id: created.id } });
    expect([row.parentModelId, row.parentModelRef]).toEqual([models.digits, 'digits/1']);
    // trials of a fine-tune have no stored architecture; two trials × two folds are queued
    expect(await t.prisma.run.count({ where: { experimentId: created.id, architectureId: null } })).toBe(2);
    const jobs = await t.queue.getJobs(['waiting', 'prioritized']);
    expect(jobs.filter((job) => (job.data as { experimentId: string }).experimentId === created.id)).toHaveLength(4);

    const read = ZExperimentDetail.parse((await t.request().get(`/experiments/${created.id}`)).body);
    expect(read.parentModel).toEqual({ id: models.digits, reference: 'digits/1' });

    // a model of the fine-tune names its parent on its own page and in the registry's versions
    const child = await storeModel(created.id, created.trials[0]!.id, await baseZip(28));
    expect(ZModelArtifact.parse((await t.request().get(`/models/${child}`)).body).parentModel).toEqual({
      id: models.digits,
      reference: 'digits/1',
    });
    await register('fashion-ft', child, 'staging');
    const registered = ZRegisteredModelDetail.parse((await t.request().get('/registered-models/fashion-ft')).body);
    expect(registered.versions.map((v) => v.model.parentModel)).toEqual([{ id: models.digits, reference: 'digits/1' }]);
    // the parent itself was trained from scratch
    expect(ZModelArtifact.parse((await t.request().get(`/models/${models.digits}`)).body).parentModel).toBeNull();
  });

  it('takes name/version and a stored model id too; a model id records no registered reference', async () => {
    const byVersion = await t.request().post('/experiments/plan').send(fineTune('digits/1'));
    expect(byVersion.status).toBe(200);
    const byId = await t
      .request()
      .post('/experiments')
      .send(fineTune(models.digits, { freezeLayers: { dist: 'int', low: 0, high: 3 } }));
    expect(byId.status).toBe(400); // a grid cannot take a distribution; the same with random search:
    const random = await t
      .request()
      .post('/experiments')
      .send({
        ...fineTune(models.digits, { freezeLayers: { dist: 'int', low: 0, high: 3 } }),
        strategy: { kind: 'random', trials: 2 },
      });
    expect(random.status).toBe(201);
    expect(ZExperimentDetail.parse(random.body).parentModel).toEqual({ id: models.digits, reference: null });
  });

  it.each([
    ['nobody@production', "No registered model named 'nobody'"],
    ['digits@staging', "'digits' has no alias 'staging'"],
    ['digits/7', "'digits' has no version 7: its versions are 1 to 1."],
    [MISSING, `baseModel: no stored model has the id '${MISSING}'`],
  ])('a reference to nothing (%s) is a 404 and stores nothing', async (baseModel, message) => {
    const before = await counts();
    const response = await t.request().post('/experiments').send(fineTune(baseModel));
    expect(response.status).toBe(404);
    expect(errorOf(response).message).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses freezeLayers of the base layer count or more with a 400 naming the count', async () => {
    const before = await counts();
    const response = await t
      .request()
      .post('/experiments')
      .send(fineTune('digits@production', { freezeLayers: [1, 4] }));
    expect(response.status).toBe(400);
    const error = errorOf(response);
    expect(error.issues).toEqual([
      {
        path: 'space.freezeLayers',
        message:
          "'digits/1' (model " +
          models.digits +
          ") cannot be fine-tuned on 'fashion-mnist': freezeLayers 4 is too many: the base model has 4 layers (Conv2D, Flatten, Dense, Dense), so freezeLayers must be below 4 (at most 3: every layer but the Dense head, which is replaced)",
      },
    ]);
    expect(await counts()).toEqual(before);
    // at the limit it is accepted
    expect(
      (
        await t
          .request()
          .post('/experiments/plan')
          .send(fineTune('digits@production', { freezeLayers: [3] }))
      ).status,
    ).toBe(200);
  });

  it("refuses a base whose input shape is not the dataset's (28×28×1) with a 400", async () => {
    const response = await t
      .request()
      .post('/experiments')
      .send(fineTune('wide@production', { freezeLayers: [0] }));
    expect(response.status).toBe(400);
    expect(errorOf(response).issues).toEqual([
      {
        path: 'baseModel',
        message: expect.stringContaining(
          "cannot be fine-tuned on 'fashion-mnist': the base model's input shape is [null, 32, 32, 1] but the dataset's images are 28×28×1",
        ) as string,
      },
    ]);
  });

  it('refuses freezing without a base, and the fine-tune architecture without one, before touching the registry', async () => {
    const noBase = { ...fineTune('digits@production'), baseModel: null };
    const response = await t.request().post('/experiments').send(noBase);
    expect(response.status).toBe(400);
    expect(
      errorOf(response)
        .issues?.map((issue) => issue.path)
        .sort(),
    ).toEqual(['baseModel', 'space.freezeLayers']);
    const reserved = await t
      .request()
      .post('/architectures')
      .send({ key: 'fine-tune', name: 'x', spec: { kind: 'layers', layers: [{ type: 'flatten' }] } });
    expect(reserved.status).toBe(400);
    expect(errorOf(reserved).message).toContain("'fine-tune' is reserved");
  });
});
