import type { TCreateExperimentRequest } from '@atelier/domain';
import { encodeCsv } from '@atelier/ml/data/csv-reader';
import { balancedLabels, makeImageSet } from '@atelier/ml/data/image-set.factory';
import { errorOf, type OpenApiDocument, startTestApp, type TestApp } from './test-app';

const EXPERIMENT: TCreateExperimentRequest = {
  name: 'strict search',
  description: '',
  dataset: 'mnist',
  strategy: { kind: 'grid' },
  space: {
    architecture: ['mlp'],
    batchSize: [32],
    epochs: [1],
    activation: ['relu'],
    optimizer: ['sgd'],
    learningRate: [0.01],
    momentum: [0.9],
  },
  budget: {},
  augmentation: null,
  validation: { kind: 'kfold', folds: 2 },
  trainingSlice: null,
  seed: 1,
  priority: 10,
};

describe('strict request contracts: unknown fields are refused, naming the nearest known one (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => t.request();

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await (t as TestApp | undefined)?.close();
  });

  it('a typo in a search-space field is a 400 that suggests the field, and stores nothing', async () => {
    const { learningRate, ...space } = EXPERIMENT.space;
    const response = await http()
      .post('/experiments')
      .send({ ...EXPERIMENT, space: { ...space, learningrate: learningRate } })
      .expect(400);
    // the typo first: it is why the real field is missing
    expect(errorOf(response)).toMatchObject({
      error: 'validation_failed',
      message: "Invalid request: space: unknown field 'learningrate'; did you mean 'learningRate'?; space.learningRate: Invalid input",
      issues: [
        { path: 'space', message: "unknown field 'learningrate'; did you mean 'learningRate'?" },
        { path: 'space.learningRate', message: 'Invalid input' },
      ],
    });
    expect(await t.prisma.experiment.count()).toBe(0);
  });

  it('an unknown augmentation option is a 400 at its own depth', async () => {
    const response = await http()
      .post('/experiments')
      .send({ ...EXPERIMENT, augmentation: { randomErasing: { probabilty: 0.3 } } })
      .expect(400);
    expect(errorOf(response).message).toBe(
      "Invalid request: augmentation.randomErasing: unknown field 'probabilty'; did you mean 'probability'?",
    );
    const flip = await http()
      .post('/experiments')
      .send({ ...EXPERIMENT, augmentation: { randomErasing: null, horizontalFlip: true } })
      .expect(400);
    expect(errorOf(flip).message).toBe("Invalid request: augmentation: unknown field 'horizontalFlip'; known fields: randomErasing");
    expect(await t.prisma.experiment.count()).toBe(0);
  });

  it('an unknown top-level field and an unknown query parameter are 400s too', async () => {
    const body = await http()
      .post('/experiments')
      .send({ ...EXPERIMENT, priorty: 1 })
      .expect(400);
    expect(errorOf(body).message).toBe("Invalid request: unknown field 'priorty'; did you mean 'priority'?");
    const query = await http().get('/datasets/mnist/samples?coutn=5').expect(400);
    expect(errorOf(query).message).toBe("Invalid query parameter: unknown field 'coutn'; did you mean 'count'?");
  });

  it('an unknown multipart field of an import is a 400 before any file is read', async () => {
    const csv = encodeCsv(makeImageSet({ labels: balancedLabels(2, 5), height: 28, width: 28, seed: 1 }));
    const response = await http()
      .post('/datasets/import')
      .field('key', 'typo')
      .field('name', 'Typo')
      .field('classnames', 'a,b')
      .attach('trainCsv', Buffer.from(csv), 'typo.csv')
      .expect(400);
    expect(errorOf(response).message).toBe("Invalid request: unknown field 'classnames'; did you mean 'classNames'?");
    expect(await t.prisma.dataset.count({ where: { key: 'typo' } })).toBe(0);
  });

  it('documents request objects as closed and leaves responses open', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const schemas = document.components.schemas as Record<string, { additionalProperties?: unknown }>;
    expect(schemas.CreateExperimentRequestInput!.additionalProperties).toBe(false);
    expect(schemas.SearchSpaceInput!.additionalProperties).toBe(false);
    expect(schemas.AugmentationInput!.additionalProperties).toBe(false);
  });
});
