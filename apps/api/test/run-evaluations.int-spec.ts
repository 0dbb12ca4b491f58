import { EVALUATION_LIMITS, ZEvaluation, ZRunDetail, ZRunEvaluations, type TRunDetail } from '@atelier/domain';
import { seedEvaluation, seedExperiment } from './seed-trials';
import { errorOf, startTestApp, type TestApp } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
const CLASSES = ['cat', 'dog', 'bird'];
// rows: true class; supports 6, 6, 4; predicted 7, 4, 5; 12 of 16 right
const MATRIX = [
  [5, 1, 0],
  [2, 3, 1],
  [0, 0, 4],
];

describe('POST /runs/:id/evaluations (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => t.api;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  async function createRun(body: Record<string, unknown>): Promise<TRunDetail> {
    const response = await http().post('/runs').send(body);
    expect([response.status, errorOf(response).message]).toEqual([201, undefined]);
    return ZRunDetail.parse(response.body);
  }

  it('stores the matrix with accuracy, per-class precision/recall/F1 and averages computed from it', async () => {
    const run = await createRun({ experiment: 'eval-from-code', params: { dataset: 'fashion-mnist' } });
    const response = await http().post(`/runs/${run.id}/evaluations`).send({ classNames: CLASSES, confusionMatrix: MATRIX, loss: 0.42 });
    expect([response.status, errorOf(response).message]).toEqual([201, undefined]);
    const evaluation = ZEvaluation.parse(response.body);
    expect(evaluation).toMatchObject({
      trialId: run.id,
      experimentId: run.experimentId,
      split: 'test',
      datasetKey: 'fashion-mnist',
      classNames: CLASSES,
      loss: 0.42,
      confusionMatrix: MATRIX,
    });
    expect(evaluation.accuracy).toBeCloseTo(0.75, 12);
    const scores = evaluation.perClass.map((c) => [c.className, c.precision, c.recall, c.f1, c.support]);
    const expected = [
      ['cat', 5 / 7, 5 / 6, 10 / 13, 6],
      ['dog', 3 / 4, 3 / 6, 6 / 10, 6],
      ['bird', 4 / 5, 1, 8 / 9, 4],
    ];
    scores.forEach((row, i) => {
      expect(row[0]).toBe(expected[i]![0]);
      for (let k = 1; k < 5; k++) expect(row[k]).toBeCloseTo(expected[i]![k] as number, 12);
    });
    expect(evaluation.macroAvg.f1).toBeCloseTo((10 / 13 + 0.6 + 8 / 9) / 3, 12);
    expect(evaluation.weightedAvg.recall).toBeCloseTo(0.75, 12);
    expect(evaluation.macroAvg.support).toBe(16);
    expect(evaluation.topConfusions).toEqual([
      { trueClass: 'dog', predictedClass: 'cat', count: 2 },
      { trueClass: 'cat', predictedClass: 'dog', count: 1 },
      { trueClass: 'dog', predictedClass: 'bird', count: 1 },
    ]);

    const stored = await t.prisma.evaluation.findMany({ where: { trialId: run.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ experimentId: run.experimentId, split: 'test', accuracy: 0.75, loss: 0.42, confusionMatrix: MATRIX });

    const list = ZRunEvaluations.parse((await http().get(`/runs/${run.id}/evaluations`).expect(200)).body);
    expect(list.items).toEqual([evaluation]);
  });

  it('keeps one evaluation per split: logging again (a retry) replaces it; a run without a dataset parameter names none', async () => {
    const run = await createRun({ experiment: 'eval-from-code' });
    const body = {
      classNames: ['a', 'b'],
      confusionMatrix: [
        [3, 1],
        [0, 4],
      ],
    };
    await http().post(`/runs/${run.id}/evaluations`).send(body).expect(201);
    const again = ZEvaluation.parse(
      (
        await http()
          .post(`/runs/${run.id}/evaluations`)
          .send({
            ...body,
            confusionMatrix: [
              [4, 0],
              [0, 4],
            ],
          })
          .expect(201)
      ).body,
    );
    await http()
      .post(`/runs/${run.id}/evaluations`)
      .send({ ...body, split: 'validation' })
      .expect(201);
    expect(again).toMatchObject({ accuracy: 1, datasetKey: null, loss: null });
    const list = ZRunEvaluations.parse((await http().get(`/runs/${run.id}/evaluations`).expect(200)).body);
    expect(list.items.map((e) => [e.split, e.accuracy])).toEqual([
      ['validation', 7 / 8],
      ['test', 1],
    ]);
    expect(await t.prisma.evaluation.count({ where: { trialId: run.id } })).toBe(2);
  });

  it('accepts an evaluation of a run that has ended (a model is evaluated once trained)', async () => {
    const run = await createRun({ experiment: 'eval-from-code' });
    await http().patch(`/runs/${run.id}`).send({ status: 'finished' }).expect(200);
    await http()
      .post(`/runs/${run.id}/evaluations`)
      .send({
        classNames: ['a', 'b'],
        confusionMatrix: [
          [1, 0],
          [0, 1],
        ],
      })
      .expect(201);
  });

  describe('refusals store nothing', () => {
    let run: TRunDetail;
    beforeAll(async () => {
      run = await createRun({ experiment: 'eval-refusals' });
    });
    afterEach(async () => {
      expect(await t.prisma.evaluation.count({ where: { trialId: run.id } })).toBe(0);
    });

    const refused = async (body: unknown) => {
      const response = await http()
        .post(`/runs/${run.id}/evaluations`)
        .send(body as object);
      expect(response.status).toBe(400);
      return errorOf(response);
    };

    it('a matrix that is not square over the class names, naming rows and the size it must have', async () => {
      expect(
        (
          await refused({
            classNames: CLASSES,
            confusionMatrix: [
              [1, 2, 3],
              [1, 2, 3],
            ],
          })
        ).message,
      ).toMatch(/confusionMatrix: has 2 rows but there are 3 class names: it must be 3×3/);
      expect(
        (
          await refused({
            classNames: CLASSES,
            confusionMatrix: [
              [1, 2, 3],
              [1, 2],
              [1, 2, 3],
            ],
          })
        ).message,
      ).toMatch(/confusionMatrix\[1\]: row 1 has 2 counts; the matrix must be 3×3/);
    });

    it('negative or fractional counts, naming the cell', async () => {
      expect(
        (
          await refused({
            classNames: ['a', 'b'],
            confusionMatrix: [
              [1, -1],
              [0, 1],
            ],
          })
        ).message,
      ).toMatch(/confusionMatrix\[0\]\[1\]: counts are never negative/);
      expect(
        (
          await refused({
            classNames: ['a', 'b'],
            confusionMatrix: [
              [1, 0.5],
              [0, 1],
            ],
          })
        ).message,
      ).toMatch(/confusionMatrix\[0\]\[1\]: counts are whole numbers/);
    });

    it('repeated, empty or too many class names', async () => {
      expect(
        (
          await refused({
            classNames: ['a', 'a'],
            confusionMatrix: [
              [1, 0],
              [0, 1],
            ],
          })
        ).message,
      ).toMatch(/class names must be distinct/);
      expect(
        (
          await refused({
            classNames: ['a', ' '],
            confusionMatrix: [
              [1, 0],
              [0, 1],
            ],
          })
        ).message,
      ).toMatch(/a class name must not be empty/);
      const n = EVALUATION_LIMITS.classes + 1;
      const big = {
        classNames: Array.from({ length: n }, (_, i) => `c${i}`),
        confusionMatrix: Array.from({ length: n }, () => new Array<number>(n).fill(0)),
      };
      expect((await refused(big)).message).toMatch(new RegExp(`at most ${EVALUATION_LIMITS.classes} classes`));
    });
  });

  it("404 for an unknown run, 409 for a search trial (whose evaluations the workers write); GET reads a trial's with its dataset's class names", async () => {
    const missing = await http()
      .post(`/runs/${MISSING}/evaluations`)
      .send({
        classNames: ['a', 'b'],
        confusionMatrix: [
          [1, 0],
          [0, 1],
        ],
      })
      .expect(404);
    expect(errorOf(missing).message).toBe(`Run ${MISSING} not found.`);
    await http().get(`/runs/${MISSING}/evaluations`).expect(404);

    const search = await seedExperiment(t.prisma, { name: 'search with evaluations', trials: [{ number: 1, status: 'completed' }] });
    const trialId = search.trialIds[0]!;
    const refused = await http()
      .post(`/runs/${trialId}/evaluations`)
      .send({
        classNames: ['a', 'b'],
        confusionMatrix: [
          [1, 0],
          [0, 1],
        ],
      })
      .expect(409);
    expect(errorOf(refused).message).toBe(
      "Run 1 is a trial of a search: Atelier's workers evaluate it. Log evaluations to a run created with POST /runs.",
    );

    const dataset = await t.prisma.experiment.findUniqueOrThrow({
      where: { id: search.id },
      select: { dataset: { select: { key: true, classNames: true } } },
    });
    const classNames = dataset.dataset!.classNames as string[];
    const n = classNames.length;
    const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 3 : 0)));
    await seedEvaluation(t.prisma, { experimentId: search.id, trialId, split: 'validation', matrix, classNames });
    const list = ZRunEvaluations.parse((await http().get(`/runs/${trialId}/evaluations`).expect(200)).body);
    expect(list.items.map((e) => [e.split, e.datasetKey, e.classNames, e.accuracy])).toEqual([
      ['validation', dataset.dataset!.key, classNames, 1],
    ]);
  });
});
