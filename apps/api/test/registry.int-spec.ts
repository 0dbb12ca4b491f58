import * as tf from '@tensorflow/tfjs';
import request from 'supertest';
import { createHash } from 'node:crypto';
import {
  type TPrediction,
  ZExperimentList,
  ZModelAlias,
  ZModelAliasHistory,
  ZModelVersion,
  ZRegisteredModelDetail,
  ZRegisteredModelList,
  ZRegisteredModelSummary,
  ZRegisteredPrediction,
} from '@atelier/domain';
import { selectBackend } from '@atelier/ml/backend/select-backend';
import { decodePng, predictImage } from '@atelier/ml/io/image-input';
import { buildModelZip, makeModelCard, readModelZip } from '@atelier/ml/io/model-export';
import { buildModel } from '@atelier/ml/models/build-model';
import { encodeGrayscalePng } from '../src/datasets/png';
import { seedTrackedRun } from './run-artifacts-fixtures';
import { seedExperiment } from './seed-trials';
import { errorOf, type OpenApiDocument, startTestApp, type TestApp } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** A 28×28 test image: a bright vertical bar on black. */
function barPixels(): Uint8Array {
  const pixels = new Uint8Array(28 * 28);
  for (let y = 3; y < 25; y++) for (let x = 10; x < 18; x++) pixels[y * 28 + x] = 200 + ((x + y) % 50);
  return pixels;
}

/** A small dense model with its own seed, exported as the API stores models. */
async function modelZip(seed: number, name: string): Promise<Uint8Array> {
  const model = buildModel({
    spec: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 16 }] },
    inputShape: [28, 28, 1],
    numClasses: 10,
    activation: 'relu',
    seed,
  });
  try {
    return await buildModelZip({
      model,
      card: makeModelCard({
        name,
        architecture: 'tiny',
        dataset: { key: 'fashion-mnist', name: 'Fashion-MNIST' },
        classNames: CLASS_NAMES,
        hyperparameters: {
          architecture: 'cnn-a',
          batchSize: 32,
          epochs: 1,
          activation: 'relu',
          optimizer: 'adam',
          learningRate: 0.001,
          momentum: 0,
        },
        crossValidation: null,
        test: { accuracy: 0.5 + seed / 100, loss: 1.2 },
        backend: 'test',
        createdAt: '2026-01-01T00:00:00.000Z',
      }),
    });
  } finally {
    model.dispose();
  }
}

async function localPrediction(zip: Uint8Array, png: Buffer): Promise<TPrediction['predictions']> {
  const { model } = await readModelZip(zip);
  try {
    return await predictImage(model, decodePng(new Uint8Array(png)), CLASS_NAMES);
  } finally {
    model.dispose();
  }
}

function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('model registry: names, versions, aliases, download and predict by reference (PostgreSQL)', () => {
  let t: TestApp;
  let experimentId: string;
  let runIds: string[];
  const zips: Uint8Array[] = [];
  const modelIds: string[] = [];
  const http = () => t.api;

  async function storeModel(runId: string, zip: Uint8Array): Promise<string> {
    const artifact = await t.prisma.artifact.create({
      data: {
        experimentId,
        trialId: runId,
        kind: 'model',
        content: Uint8Array.from(zip),
        sizeBytes: BigInt(zip.byteLength),
        sha256: createHash('sha256').update(zip).digest('hex'),
        metadata: { backend: 'test', trainedOn: 60000, format: 'zip' },
      },
    });
    return artifact.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await seedExperiment(t.prisma, {
      name: 'Registry search',
      trials: [
        { number: 1, meanValAccuracy: 0.81, learningRate: 0.01 },
        { number: 2, meanValAccuracy: 0.86, learningRate: 0.001 },
        { number: 3, meanValAccuracy: 0.7 },
      ],
    });
    experimentId = seeded.id;
    runIds = seeded.trialIds;
    await t.prisma.metricSummary.create({
      data: { runId: runIds[0]!, key: 'test_accuracy', last: 0.8125, lastStep: 4, min: 0.5, max: 0.8125, count: 5 },
    });
    await selectBackend({ env: {} });
    zips.push(await modelZip(3, 'first'), await modelZip(11, 'second'));
    modelIds.push(await storeModel(runIds[0]!, zips[0]!), await storeModel(runIds[1]!, zips[1]!));
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('creates a registered model, refuses a taken or invalid name, and lists it', async () => {
    const created = ZRegisteredModelSummary.parse(
      (await http().post('/registered-models').send({ name: 'fashion-cnn', description: 'Fashion-MNIST classifier' }).expect(201)).body,
    );
    expect(created).toMatchObject({
      name: 'fashion-cnn',
      description: 'Fashion-MNIST classifier',
      latestVersion: null,
      versionCount: 0,
      aliases: [],
    });

    const taken = await http().post('/registered-models').send({ name: 'fashion-cnn' }).expect(409);
    expect(errorOf(taken).message).toMatch(/^A registered model named 'fashion-cnn' already exists/);
    const invalid = await http().post('/registered-models').send({ name: 'has space' }).expect(400);
    expect(errorOf(invalid).message).toMatch(/'has space' is not a valid registered model name: use 1 to 100 characters/);
    await http().post('/registered-models').send({ name: 'other-model' }).expect(201);

    const list = ZRegisteredModelList.parse((await http().get('/registered-models').expect(200)).body);
    expect(list.items.map((m) => m.name)).toEqual(['fashion-cnn', 'other-model']);
  });

  it('registers versions 1 and 2 from a stored model and from a run, with the run, metrics and card', async () => {
    const v1 = ZModelVersion.parse(
      (await http().post('/registered-models/fashion-cnn/versions').send({ modelId: modelIds[0] }).expect(201)).body,
    );
    expect(v1).toMatchObject({ name: 'fashion-cnn', version: 1, model: { id: modelIds[0], trialId: runIds[0] }, aliases: [] });
    expect(v1.run).toMatchObject({ id: runIds[0], experimentId, experimentName: 'Registry search', number: 1 });
    expect(v1.run!.params).toMatchObject({ architecture: 'cnn-a', learningRate: 0.01 });
    expect(v1.run!.metrics.test_accuracy).toEqual({ last: 0.8125, lastStep: 4, min: 0.5, max: 0.8125, count: 5 });
    expect(v1.dataset).toEqual({ key: 'fashion-mnist', name: 'Fashion-MNIST' });
    expect(v1.card).toMatchObject({ name: 'first', classNames: CLASS_NAMES, test: { accuracy: 0.53, loss: 1.2 } });

    const v2 = ZModelVersion.parse(
      (await http().post('/registered-models/fashion-cnn/versions').send({ runId: runIds[1] }).expect(201)).body,
    );
    expect(v2).toMatchObject({
      version: 2,
      model: { id: modelIds[1] },
      run: { id: runIds[1], number: 2, params: { learningRate: 0.001 } },
    });
    expect(v2.card!.name).toBe('second');

    // Numbering is per name: another model starts at 1.
    const other = ZModelVersion.parse(
      (await http().post('/registered-models/other-model/versions').send({ modelId: modelIds[1] }).expect(201)).body,
    );
    expect(other.version).toBe(1);
  });

  it('numbers concurrent registrations without gaps or duplicates', async () => {
    await http().post('/registered-models').send({ name: 'concurrent' }).expect(201);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => http().post('/registered-models/concurrent/versions').send({ modelId: modelIds[0] })),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(responses.map((r) => (r.body as { version: number }).version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('moves production from v1 to v2 and keeps the history', async () => {
    const set = ZModelAlias.parse(
      (await http().put('/registered-models/fashion-cnn/aliases/production').send({ version: 1 }).expect(200)).body,
    );
    expect(set).toMatchObject({ alias: 'production', version: 1 });
    // Setting it to the version it already names is no move.
    await http().put('/registered-models/fashion-cnn/aliases/production').send({ version: 1 }).expect(200);
    const detail = ZRegisteredModelDetail.parse((await http().get('/registered-models/fashion-cnn').expect(200)).body);
    const v2Id = detail.versions.find((v) => v.version === 2)!.id;
    const moved = ZModelAlias.parse(
      (await http().put('/registered-models/fashion-cnn/aliases/production').send({ versionId: v2Id }).expect(200)).body,
    );
    expect(moved.version).toBe(2);

    const history = ZModelAliasHistory.parse(
      (await http().get('/registered-models/fashion-cnn/aliases/production/history').expect(200)).body,
    );
    expect(history.items.map(({ fromVersion, toVersion }) => ({ fromVersion, toVersion }))).toEqual([
      { fromVersion: null, toVersion: 1 },
      { fromVersion: 1, toVersion: 2 },
    ]);
    expect(Date.parse(history.items[1]!.at)).toBeGreaterThanOrEqual(Date.parse(history.items[0]!.at));

    const after = ZRegisteredModelDetail.parse((await http().get('/registered-models/fashion-cnn').expect(200)).body);
    expect(after).toMatchObject({ latestVersion: 2, versionCount: 2, aliases: [{ alias: 'production', version: 2 }] });
    expect(after.versions.map((v) => [v.version, v.aliases])).toEqual([
      [2, ['production']],
      [1, []],
    ]);
  });

  it('downloads by alias and by version: the bytes of the version named', async () => {
    const byAlias = await http().get('/registered-models/fashion-cnn/aliases/production/download').buffer(true).parse(binary).expect(200);
    expect(byAlias.headers['content-type']).toBe('application/zip');
    expect(byAlias.headers['content-disposition']).toBe('attachment; filename=fashion-cnn-v2.zip');
    expect(Buffer.compare(byAlias.body as Buffer, Buffer.from(zips[1]!))).toBe(0);

    const byVersion = await http().get('/registered-models/fashion-cnn/versions/1/download').buffer(true).parse(binary).expect(200);
    expect(byVersion.headers['content-disposition']).toBe('attachment; filename=fashion-cnn-v1.zip');
    expect(Buffer.compare(byVersion.body as Buffer, Buffer.from(zips[0]!))).toBe(0);
  });

  it('predicts by alias and by version with the model each names', async () => {
    const png = encodeGrayscalePng(barPixels(), 28, 28);
    const [expected1, expected2] = [await localPrediction(zips[0]!, png), await localPrediction(zips[1]!, png)];
    // The two versions must differ, or the test could not tell which one answered.
    expect(expected1.map((p) => p.probability)).not.toEqual(expected2.map((p) => p.probability));

    const byAlias = ZRegisteredPrediction.parse(
      (await http().post('/registered-models/fashion-cnn/aliases/production/predict').attach('image', png, 'bar.png').expect(200)).body,
    );
    expect(byAlias).toMatchObject({ modelId: modelIds[1], name: 'fashion-cnn', version: 2, alias: 'production' });
    byAlias.predictions.forEach((p, i) => {
      expect(p.classIndex).toBe(expected2[i]!.classIndex);
      expect(p.probability).toBeCloseTo(expected2[i]!.probability, 5);
    });

    const byVersion = ZRegisteredPrediction.parse(
      (
        await http()
          .post('/registered-models/fashion-cnn/versions/1/predict')
          .send({ pixels: Array.from(barPixels()) })
          .expect(200)
      ).body,
    );
    expect(byVersion).toMatchObject({ modelId: modelIds[0], version: 1, alias: null });
    byVersion.predictions.forEach((p, i) => {
      expect(p.classIndex).toBe(expected1[i]!.classIndex);
      expect(p.probability).toBeCloseTo(expected1[i]!.probability, 5);
    });

    const badImage = await http()
      .post('/registered-models/fashion-cnn/versions/1/predict')
      .send({ pixels: [1, 2, 3] })
      .expect(400);
    expect(errorOf(badImage).message).toMatch(/got 3 pixel values/);
  });

  it('refuses what names nothing (404) and an alias to another model’s version (400)', async () => {
    const unknown = await http().get('/registered-models/nope').expect(404);
    expect(errorOf(unknown).message).toMatch(/^No registered model named 'nope'/);
    await http().post('/registered-models/nope/versions').send({ modelId: modelIds[0] }).expect(404);
    const noModel = await http().post('/registered-models/fashion-cnn/versions').send({ modelId: MISSING }).expect(404);
    expect(errorOf(noModel).message).toMatch(/^Model '00000000-0000-4000-8000-000000000000' not found/);
    await http().post('/registered-models/fashion-cnn/versions').send({ runId: MISSING }).expect(404);

    const noVersion = await http().put('/registered-models/fashion-cnn/aliases/staging').send({ version: 9 }).expect(404);
    expect(errorOf(noVersion).message).toBe("'fashion-cnn' has no version 9: its versions are 1 to 2.");
    const otherVersion = ZRegisteredModelDetail.parse((await http().get('/registered-models/other-model').expect(200)).body).versions[0]!;
    const foreign = await http().put('/registered-models/fashion-cnn/aliases/staging').send({ versionId: otherVersion.id }).expect(400);
    expect(errorOf(foreign).message).toMatch(
      /belongs to another registered model: an alias of 'fashion-cnn' can only point at a version of 'fashion-cnn'/,
    );
    await http().put('/registered-models/fashion-cnn/aliases/staging').send({ versionId: MISSING }).expect(404);

    const noAlias = await http().delete('/registered-models/fashion-cnn/aliases/staging').expect(404);
    expect(errorOf(noAlias).message).toBe("'fashion-cnn' has no alias 'staging'.");
    await http().get('/registered-models/fashion-cnn/aliases/staging/history').expect(404);
    await http().get('/registered-models/fashion-cnn/aliases/staging/download').expect(404);
    await http()
      .post('/registered-models/fashion-cnn/aliases/staging/predict')
      .send({ pixels: Array.from(barPixels()) })
      .expect(404);
    await http().get('/registered-models/fashion-cnn/versions/3/download').expect(404);
    await http().delete('/registered-models/nope/aliases/production').expect(404);
  });

  it('refuses invalid alias names and versions with 400', async () => {
    const at = await http().put('/registered-models/fashion-cnn/aliases/prod@1').send({ version: 1 }).expect(400);
    expect(errorOf(at).message).toMatch(/'prod@1' is not a valid alias/);
    const slash = await http().put('/registered-models/fashion-cnn/aliases/prod%2F1').send({ version: 1 }).expect(400);
    expect(errorOf(slash).message).toMatch(/is not a valid alias/);
    const badVersion = await http().get('/registered-models/fashion-cnn/versions/0/download').expect(400);
    expect(errorOf(badVersion).message).toMatch(/versions are numbered from 1/);
    const badBody = await http().put('/registered-models/fashion-cnn/aliases/staging').send({ version: 'two' }).expect(400);
    expect(errorOf(badBody).message).toMatch(/send \{ version: <number> \}/);
  });

  it('answers 409 for a run with no model, and for a run with several', async () => {
    const none = await http().post('/registered-models/fashion-cnn/versions').send({ runId: runIds[2] }).expect(409);
    expect(errorOf(none).message).toMatch(new RegExp(`^Run '${runIds[2]}' has no stored model: refit it`));

    const extra = await storeModel(runIds[0]!, zips[1]!);
    const several = await http().post('/registered-models/fashion-cnn/versions').send({ runId: runIds[0] }).expect(409);
    expect(errorOf(several).message).toMatch(new RegExp(`has 2 stored models: .*${extra}.*Register one by \\{ modelId \\}`));
  });

  it('deletes an alias, records it, and then no longer resolves it', async () => {
    await http().put('/registered-models/fashion-cnn/aliases/staging').send({ version: 1 }).expect(200);
    await http().delete('/registered-models/fashion-cnn/aliases/staging').expect(204);
    await http().get('/registered-models/fashion-cnn/aliases/staging/download').expect(404);
    const history = ZModelAliasHistory.parse((await http().get('/registered-models/fashion-cnn/aliases/staging/history').expect(200)).body);
    expect(history.items.map(({ fromVersion, toVersion }) => [fromVersion, toVersion])).toEqual([
      [null, 1],
      [1, null],
    ]);
    // production was not touched
    const detail = ZRegisteredModelDetail.parse((await http().get('/registered-models/fashion-cnn').expect(200)).body);
    expect(detail.aliases).toEqual([expect.objectContaining({ alias: 'production', version: 2 })]);
  });

  it('refuses to overwrite a run’s model that a version publishes, and keeps the version’s bytes', async () => {
    const { runId } = await seedTrackedRun(t.prisma, { params: { dataset: 'fashion-mnist' } });
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    const url = `${t.url}/runs/${runId}/model`;
    try {
      await model.save(tf.io.http(url, { requestInit: { headers: t.authHeaders } }));
      await http().post('/registered-models').send({ name: 'uploaded' }).expect(201);
      const v1 = ZModelVersion.parse((await http().post('/registered-models/uploaded/versions').send({ runId }).expect(201)).body);
      const before = await t.prisma.artifact.findUniqueOrThrow({ where: { id: v1.model.id }, select: { sha256: true } });
      let overwrite: Response | undefined;
      const recording = (input: string | URL | Request, init?: RequestInit) =>
        fetch(input, init).then((response) => {
          overwrite = response.clone();
          return response;
        });
      await expect(
        model.save(tf.io.http(`${url}?overwrite=true`, { fetchFunc: recording, requestInit: { headers: t.authHeaders } })),
      ).rejects.toThrow(/status 409/);
      expect(overwrite?.status).toBe(409);
      expect(((await overwrite!.json()) as { message: string }).message).toBe(
        `Run '${runId}' already has an artifact named 'model' and it is registered as uploaded/1: a registered version never changes. Upload under another ?name= and register it as a new version.`,
      );
      const after = await t.prisma.artifact.findUniqueOrThrow({ where: { id: v1.model.id }, select: { sha256: true } });
      expect(after.sha256).toBe(before.sha256);
    } finally {
      model.dispose();
    }
  });

  it('keeps a published model: its run is not trashed while a version publishes it; a version is deleted once no alias serves it', async () => {
    const { experimentId: trackedId, runId } = await seedTrackedRun(t.prisma, { params: { dataset: 'fashion-mnist' } });
    const zip = zips[0]!;
    const artifact = await t.prisma.artifact.create({
      data: {
        trialId: runId,
        kind: 'model',
        content: Uint8Array.from(zip),
        sizeBytes: BigInt(zip.byteLength),
        sha256: createHash('sha256').update(zip).digest('hex'),
        metadata: { backend: 'test', trainedOn: 100, format: 'zip' },
      },
    });
    await http().post('/registered-models').send({ name: 'kept' }).expect(201);
    const version = ZModelVersion.parse(
      (await http().post('/registered-models/kept/versions').send({ modelId: artifact.id }).expect(201)).body,
    );
    await http().put('/registered-models/kept/aliases/production').send({ version: version.version }).expect(200);

    // the run (and its experiment) stay out of the trash while the version publishes their model
    for (const route of [`/runs/${runId}`, `/experiments/${trackedId}`]) {
      const refused = await http().delete(route).expect(409);
      expect(errorOf(refused).message).toContain(`has a model published in the registry as 'kept' version ${version.version}`);
    }
    // the version goes only once no alias serves it
    const aliased = await http().delete(`/registered-models/kept/versions/${version.version}`).expect(409);
    expect(errorOf(aliased).message).toBe(
      `Version ${version.version} of 'kept' is what 'production' points at: move or delete that alias first.`,
    );
    await http().delete('/registered-models/kept/aliases/production').expect(204);
    await http().delete(`/registered-models/kept/versions/${version.version}`).expect(204);
    await http().delete(`/registered-models/kept/versions/${version.version}`).expect(404);
    await http().get(`/registered-models/kept/versions/${version.version}/download`).expect(404);
    // its number is not handed out again, and now the run can go, and be purged
    const next = ZModelVersion.parse(
      (await http().post('/registered-models/kept/versions').send({ modelId: modelIds[0] }).expect(201)).body,
    );
    expect(next.version).toBe(version.version + 1);
    await http().delete(`/runs/${runId}`).expect(200);
    await http().delete(`/trash/run/${runId}`).expect(200);
    expect(await t.prisma.artifact.count({ where: { id: artifact.id } })).toBe(0);
  });

  it("names each registered model's project, and the experiment's, so a model of another project is registered and found there", async () => {
    await http().post('/projects').send({ slug: 'vision-lab', name: 'Vision lab' }).expect(201);
    const lab = await seedExperiment(t.prisma, {
      name: 'Lab search',
      project: 'vision-lab',
      space: {
        architecture: ['cnn-a'],
        batchSize: [32],
        epochs: [2],
        activation: ['relu'],
        optimizer: ['adam'],
        learningRate: [0.001],
        momentum: [0],
      },
      trials: [{ number: 1, meanValAccuracy: 0.9 }],
    });
    const labModel = await t.prisma.artifact.create({
      data: {
        experimentId: lab.id,
        trialId: lab.trialIds[0]!,
        kind: 'model',
        content: Uint8Array.from(zips[0]!),
        sizeBytes: BigInt(zips[0]!.byteLength),
        sha256: createHash('sha256').update(zips[0]!).digest('hex'),
        metadata: { backend: 'test', trainedOn: 60000, format: 'zip' },
      },
    });

    // the experiment says where what it makes belongs
    const experiment = (await http().get(`/experiments/${lab.id}`).expect(200)).body as { project: unknown };
    expect(experiment.project).toEqual({ slug: 'vision-lab', name: 'Vision lab' });
    const listed = ZExperimentList.parse((await http().get('/experiments?project=vision-lab').expect(200)).body);
    expect(listed.items.map((e) => [e.id, e.project])).toEqual([[lab.id, { slug: 'vision-lab', name: 'Vision lab' }]]);

    // the same name in two projects: each answer names its own
    const created = ZRegisteredModelSummary.parse(
      (await http().post('/registered-models').send({ project: 'vision-lab', name: 'fashion-cnn' }).expect(201)).body,
    );
    expect(created.project).toEqual({ slug: 'vision-lab', name: 'Vision lab' });
    // the lab's model is not the default project's: registering it there finds no such model
    await http().post('/registered-models/fashion-cnn/versions').send({ modelId: labModel.id }).expect(404);
    await http().post('/registered-models/fashion-cnn/versions?project=vision-lab').send({ modelId: labModel.id }).expect(201);

    const detail = ZRegisteredModelDetail.parse((await http().get('/registered-models/fashion-cnn?project=vision-lab').expect(200)).body);
    expect(detail.project).toEqual({ slug: 'vision-lab', name: 'Vision lab' });
    expect(detail.versions.map((v) => v.model.id)).toEqual([labModel.id]);
    const homeDetail = ZRegisteredModelDetail.parse((await http().get('/registered-models/fashion-cnn').expect(200)).body);
    expect(homeDetail.project.slug).toBe('default');
    expect(homeDetail.versions.map((v) => v.model.id)).not.toContain(labModel.id);

    const all = ZRegisteredModelList.parse((await http().get('/registered-models').expect(200)).body);
    expect(
      all.items
        .filter((m) => m.name === 'fashion-cnn')
        .map((m) => m.project.slug)
        .sort(),
    ).toEqual(['default', 'vision-lab']);
    const labList = ZRegisteredModelList.parse((await http().get('/registered-models?project=vision-lab').expect(200)).body);
    expect(labList.items.map((m) => [m.name, m.project, m.latestVersion])).toEqual([
      ['fashion-cnn', { slug: 'vision-lab', name: 'Vision lab' }, 1],
    ]);
  });

  it('documents every registry route in the OpenAPI document, from the shared schemas', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/registered-models'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      [
        'GET /registered-models',
        'GET /registered-models/{name}',
        'GET /registered-models/{name}/aliases/{alias}/download',
        'GET /registered-models/{name}/aliases/{alias}/history',
        'GET /registered-models/{name}/versions/{version}/download',
        'POST /registered-models',
        'POST /registered-models/{name}/aliases/{alias}/predict',
        'POST /registered-models/{name}/versions',
        'POST /registered-models/{name}/versions/{version}/predict',
        'DELETE /registered-models/{name}/aliases/{alias}',
        'DELETE /registered-models/{name}/versions/{version}',
        'PUT /registered-models/{name}/aliases/{alias}',
      ].sort(),
    );
    const put = document.paths['/registered-models/{name}/aliases/{alias}']!.put!;
    expect(Object.keys(put.responses).sort()).toEqual(['200', '400', '401', '403', '404']);
    expect(put.parameters.map((p) => p.name).sort()).toEqual(['alias', 'name', 'project']);
  });
});
