import type { TCreateExperimentRequest } from '@atelier/domain';
import { errorOf, startTestApp, type TestApp } from './test-app';

// Issue 18: an architecture that cannot take the dataset's images was accepted and then failed
// in the worker after three retries; a 1.64-billion-parameter layer list was accepted, and a
// 6.6-billion one gave a 500 (the count overflowed a 32-bit column). All are refused at creation
// with a 400 that gives the count and the cap.

const conv = (filters: number) => ({ type: 'conv2d', filters, kernelSize: 3, padding: 'same' });
/** 28×28×256 → flatten 200,704 → dense 8192: 1,644,259,850 parameters on 28×28×1 images. */
const BILLION_AND_A_HALF = { layers: [conv(256), { type: 'flatten' }, { type: 'dense', units: 8192 }] };
/** 28×28×1024 → flatten 802,816 → dense 8192: 6,576,769,034 parameters, past 2^31. */
const SIX_BILLION = { layers: [conv(1024), { type: 'flatten' }, { type: 'dense', units: 8192 }] };

function experiment(architecture: string[], overrides: Partial<TCreateExperimentRequest> = {}, batchSize = [32]): TCreateExperimentRequest {
  return {
    name: 'caps',
    dataset: 'fashion-mnist',
    space: {
      architecture,
      batchSize,
      epochs: [1],
      activation: ['relu'],
      optimizer: ['adam', 'sgd'],
      learningRate: [0.01],
      momentum: [0.9],
    },
    validation: { kind: 'holdout', fraction: 0.2 },
    trainingSlice: 1000,
    seed: 1,
    priority: 1,
    ...overrides,
  };
}

describe('model size and shape caps (PostgreSQL + Redis)', () => {
  let t: TestApp;
  const http = () => t.request();
  const createArchitecture = (key: string, spec: unknown) => http().post('/architectures').send({ key, name: key, spec });

  beforeAll(async () => {
    t = await startTestApp();
    // An imported dataset of small images (the worker is never reached: creation refuses first).
    await t.prisma.dataset.create({
      data: {
        key: 'tiny-8px',
        name: 'Tiny 8×8',
        kind: 'imported',
        format: 'idx',
        classNames: ['a', 'b', 'c'],
        trainSize: 100,
        testSize: 10,
        imageShape: [8, 8, 1],
        storagePath: 'datasets/tiny-8px',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await (t as TestApp | undefined)?.close();
  });

  it('POST /architectures refuses a 6.6-billion-parameter layer list with a 400 giving the count and the cap (was a 500)', async () => {
    const response = await createArchitecture('six-billion', SIX_BILLION).expect(400);
    expect(errorOf(response).message).toBe(
      "Architecture 'six-billion' has 6,576,769,034 parameters for the 28×28×1 images of the builtin datasets; the cap is 50,000,000 " +
        '(ATELIER_MAX_MODEL_PARAMS): use fewer filters or units, or downsample (pooling, strides) before the flatten layer.',
    );
    expect(await t.prisma.architecture.count({ where: { key: 'six-billion' } })).toBe(0);
  });

  it('POST /architectures refuses a 1.64-billion-parameter one (was accepted)', async () => {
    const response = await createArchitecture('billion', BILLION_AND_A_HALF).expect(400);
    expect(errorOf(response).message).toContain('has 1,644,259,850 parameters');
    expect(errorOf(response).issues).toEqual([expect.objectContaining({ path: 'spec.layers' })]);
  });

  it("POST /experiments refuses an architecture that cannot take the dataset's images, naming the layer (was accepted, then failed in the worker)", async () => {
    // builds on 28×28 (28 → 14 → 7 → 3), not on 8×8 (8 → 4 → 2 → 1 → 0)
    await createArchitecture('four-pools', {
      layers: [...Array.from({ length: 4 }, () => ({ type: 'maxPooling2d', poolSize: 2 })), { type: 'flatten' }],
    }).expect(201);
    const response = await http()
      .post('/experiments')
      .send(experiment(['mlp', 'four-pools'], { dataset: 'tiny-8px', trainingSlice: null }))
      .expect(400);
    const issue = errorOf(response).issues?.find((i) => i.path === 'space.architecture[1]');
    expect(issue?.message).toMatch(
      /^Architecture 'four-pools' cannot be built for the 8×8×1 images of 'tiny-8px': layer 4 \(maxPooling2d\): its 2×2 pool window is larger than its 1×1 input/,
    );
    expect(await t.prisma.experiment.count()).toBe(0);
  });

  it('POST /experiments refuses an architecture over the parameter cap at the dataset’s image size', async () => {
    // 12,848,330 parameters on 28×28 images (accepted), 67,111,618 on 64×64 ones
    await t.prisma.dataset.create({
      data: {
        key: 'wide-64px',
        name: 'Wide 64×64',
        kind: 'imported',
        format: 'idx',
        classNames: ['a', 'b'],
        trainSize: 100,
        testSize: 10,
        imageShape: [64, 64, 1],
        storagePath: 'datasets/wide-64px',
      },
    });
    await createArchitecture('wide-dense', { layers: [conv(256), { type: 'flatten' }, { type: 'dense', units: 64 }] }).expect(201);
    const response = await http()
      .post('/experiments')
      .send(experiment(['wide-dense'], { dataset: 'wide-64px', trainingSlice: null }))
      .expect(400);
    // 64×64×256 = 1,048,576 features × 64 + 64, the conv's 2,560, the classifier's 130
    const [issue] = errorOf(response).issues ?? [];
    expect(issue?.path).toBe('space.architecture[0]');
    expect(issue?.message).toContain(
      "Architecture 'wide-dense' has 67,111,618 parameters for the 64×64×1 images of 'wide-64px'; the cap is 50,000,000",
    );
  });

  it('POST /experiments refuses a training whose estimated memory is over the cap, naming the batch size and the optimizer', async () => {
    // few parameters, but a 28×28×1024 activation per image: 8192 images of it are about 50 GiB
    await createArchitecture('wide-activations', {
      layers: [conv(1024), { type: 'maxPooling2d', poolSize: 28 }, { type: 'flatten' }],
    }).expect(201);
    const response = await http()
      .post('/experiments')
      .send(experiment(['wide-activations'], {}, [32, 8192]))
      .expect(400);
    expect(errorOf(response).issues?.[0]?.message).toMatch(
      /^Training architecture 'wide-activations' on the 28×28×1 images of 'fashion-mnist' with batch size 8192 and adam needs about [\d,]+ MiB .*the cap is 4,096 MiB \(ATELIER_MAX_TRAINING_MEMORY_MB\)/,
    );
    // the same architecture with small batches fits
    await http()
      .post('/experiments')
      .send(experiment(['wide-activations'], {}, [32]))
      .expect(201);
  });
});
