import { ZApiError, ZArchitectureLayout, ZArchitectureSummary, type TExperimentPlan } from '@atelier/domain';
import { startTestApp, type TestApp, minimalSearch } from './test-app';

const SMALL_CNN = {
  layers: [
    { type: 'conv2d', filters: 8, kernelSize: 3 },
    { type: 'maxPooling2d', poolSize: 2 },
    { type: 'batchNormalization' },
    { type: 'flatten' },
    { type: 'dropout', rate: 0.25 },
    { type: 'dense', units: 16 },
  ],
};

describe('architectures API (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => t.api;

  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  describe('POST /architectures/summary', () => {
    it('returns the output shape and parameter count of every layer, the classifier last', async () => {
      const layout = ZArchitectureLayout.parse((await http().post('/architectures/summary').send({ spec: SMALL_CNN }).expect(200)).body);
      expect(layout.inputShape).toEqual([28, 28, 1]);
      expect(layout.layers.map((l) => [l.type, l.outputShape, l.parameterCount, l.output])).toEqual([
        ['conv2d', [26, 26, 8], 3 * 3 * 1 * 8 + 8, false],
        ['maxPooling2d', [13, 13, 8], 0, false],
        ['batchNormalization', [13, 13, 8], 4 * 8, false],
        ['flatten', [1352], 0, false],
        ['dropout', [1352], 0, false],
        ['dense', [16], 1352 * 16 + 16, false],
        ['dense', [10], 16 * 10 + 10, true],
      ]);
      expect(layout.parameterCount).toBe(80 + 32 + 21648 + 170);
      // batch norm's moving mean and variance are not trained
      expect(layout.trainableParameterCount).toBe(layout.parameterCount - 16);
    });

    it('follows the input shape and class count it is given', async () => {
      const layout = ZArchitectureLayout.parse(
        (
          await http()
            .post('/architectures/summary')
            .send({ spec: { layers: [{ type: 'flatten' }] }, inputShape: [32, 32, 3], numClasses: 4 })
            .expect(200)
        ).body,
      );
      expect(layout.layers.map((l) => l.outputShape)).toEqual([[3072], [4]]);
      expect(layout.parameterCount).toBe(3072 * 4 + 4);
    });

    it('refuses a pooling that shrinks the image below 1×1, naming the layer', async () => {
      const pools = Array.from({ length: 5 }, () => ({ type: 'maxPooling2d', poolSize: 2 }));
      const response = await http()
        .post('/architectures/summary')
        .send({ spec: { layers: [...pools, { type: 'flatten' }] } })
        .expect(400);
      const error = ZApiError.parse(response.body);
      expect(error.error).toBe('validation_failed');
      // 28 → 14 → 7 → 3 → 1 → nothing: the fifth pooling is the impossible one
      expect(error.message).toMatch(/^This architecture cannot be built: layer 5 \(maxPooling2d\).*larger than its 1×1 input/);
      expect(error.issues).toEqual([{ path: 'spec.layers[4]', message: expect.stringContaining('layer 5') as unknown }]);
    });

    it('refuses a dense layer on an image and a list that does not end flat', async () => {
      const dense = ZApiError.parse(
        (
          await http()
            .post('/architectures/summary')
            .send({ spec: { layers: [{ type: 'dense', units: 8 }] } })
            .expect(400)
        ).body,
      );
      expect(dense.message).toContain('add a flatten layer before it');
      const unflat = ZApiError.parse(
        (
          await http()
            .post('/architectures/summary')
            .send({ spec: { layers: [{ type: 'conv2d', filters: 4, kernelSize: 3 }] } })
            .expect(400)
        ).body,
      );
      expect(unflat.message).toContain('end the list with a flatten layer');
      expect(unflat.issues?.[0]?.path).toBe('spec.layers');
    });

    it('validates the layer fields with the shared schema', async () => {
      const error = ZApiError.parse(
        (
          await http()
            .post('/architectures/summary')
            .send({ spec: { layers: [{ type: 'dropout', rate: 1.5 }] } })
            .expect(400)
        ).body,
      );
      expect(error.issues?.[0]?.path).toBe('spec.layers[0].rate');
    });
  });

  describe('POST /architectures', () => {
    it('stores a custom architecture with its parameter count and lists it', async () => {
      const created = ZArchitectureSummary.parse(
        (
          await http()
            .post('/architectures')
            .send({ key: 'tiny-cnn', name: 'Tiny CNN', description: 'one conv', spec: SMALL_CNN })
            .expect(201)
        ).body,
      );
      expect(created).toMatchObject({ key: 'tiny-cnn', name: 'Tiny CNN', builtin: false, parameterCount: 80 + 32 + 21648 + 170 });
      expect(created.spec.layers).toHaveLength(6);
      const listed = (await http().get('/architectures').expect(200)).body as { key: string; builtin: boolean }[];
      expect(listed.find((a) => a.key === 'tiny-cnn')).toMatchObject({ builtin: false });
      const row = await t.prisma.architecture.findUnique({ where: { key: 'tiny-cnn' } });
      expect(row?.parameterCount).toBe(created.parameterCount);
    });

    it('answers 409 when the key is taken, by a custom or a builtin architecture', async () => {
      const again = ZApiError.parse(
        (await http().post('/architectures').send({ key: 'tiny-cnn', name: 'Again', spec: SMALL_CNN }).expect(409)).body,
      );
      expect(again.message).toContain("'tiny-cnn' already exists");
      await http().post('/architectures').send({ key: 'cnn-a', name: 'Shadow', spec: SMALL_CNN }).expect(409);
      expect(await t.prisma.architecture.count({ where: { key: 'tiny-cnn' } })).toBe(1);
    });

    it('refuses an impossible stack, a bad key and an empty list, storing nothing', async () => {
      const before = await t.prisma.architecture.count();
      const pools = Array.from({ length: 6 }, () => ({ type: 'averagePooling2d', poolSize: 2 }));
      const impossible = ZApiError.parse(
        (
          await http()
            .post('/architectures')
            .send({ key: 'too-deep', name: 'Too deep', spec: { layers: [...pools, { type: 'flatten' }] } })
            .expect(400)
        ).body,
      );
      expect(impossible.message).toContain('layer 5 (averagePooling2d)');
      const badKey = ZApiError.parse(
        (await http().post('/architectures').send({ key: 'Bad Key', name: 'x', spec: SMALL_CNN }).expect(400)).body,
      );
      expect(badKey.issues?.[0]).toMatchObject({ path: 'key', message: expect.stringContaining('lower-case') as unknown });
      const empty = ZApiError.parse(
        (
          await http()
            .post('/architectures')
            .send({ key: 'empty', name: 'x', spec: { layers: [] } })
            .expect(400)
        ).body,
      );
      expect(empty.message).toContain('at least one layer');
      expect(await t.prisma.architecture.count()).toBe(before);
    });

    it('makes the new architecture usable in a search plan', async () => {
      const plan = await http()
        .post('/experiments/plan')
        .send(
          minimalSearch({
            name: 'custom',
            space: { architecture: ['tiny-cnn'] },
            validation: { kind: 'holdout', fraction: 0.2 },
            trainingSlice: 200,
          }),
        )
        .expect(200);
      expect((plan.body as TExperimentPlan).trialCount).toBe(1);
    });
  });
});
