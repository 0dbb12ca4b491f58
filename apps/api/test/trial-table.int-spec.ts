import {
  DEFAULTED_HYPERPARAMETER_NAMES,
  HYPERPARAMETER_NAMES,
  JOB_NAMES,
  refitJobId,
  ZModelArtifactList,
  ZRefitQueued,
  ZTrialEvaluations,
  ZTrialTable,
  ZTrialTableQuery,
  type TTrialTable,
  type TRunList,
} from '@atelier/domain';
import { TrialTableService } from '../src/trials/trial-table.service';
import { seedEpochs, seedEvaluation, seedExperiment, type SeededExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf, type OpenApiDocument } from './test-app';

const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
const RATES = [0.1, 0.01, 0.001, 0.0001];

describe('trials table, CSV, evaluations and refit (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let small: SeededExperiment;
  const http = () => t.api;

  beforeAll(async () => {
    t = await startTestApp();
    // 12 trials: optimizer cycles adam/sgd/rmsprop, learning rate 0.1..0.0001, accuracy rising with the number; 11 and 12 not scored yet.
    small = await seedExperiment(t.prisma, {
      name: 'Table, "quoted", test',
      trials: Array.from({ length: 12 }, (_, i) => ({
        number: i + 1,
        status: i < 10 ? 'completed' : i === 10 ? 'running' : 'queued',
        optimizer: OPTIMIZERS[i % 3],
        learningRate: RATES[i % 4],
        batchSize: i < 6 ? 32 : 64,
        architecture: i % 2 === 0 ? 'cnn-a' : 'mlp',
        meanValAccuracy: i < 10 ? 0.7 + i * 0.02 : null,
        stdValAccuracy: i < 10 ? 0.01 : null,
        meanValLoss: i < 10 ? 1 - i * 0.05 : null,
        parameterCount: 1000 + i,
      })),
      epochsCompleted: (trial, fold) => (trial.number === 11 ? fold : trial.status === 'completed' ? 2 : 0),
    });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  describe('GET /experiments/:id/trials', () => {
    it('pages in trial order by default, with the total and light rows', async () => {
      const response = await http().get(`/experiments/${small.id}/trials?limit=5&offset=5`).expect(200);
      const table = ZTrialTable.parse(response.body);
      expect(table).toMatchObject({ total: 12, limit: 5, offset: 5, sort: 'number', order: 'asc' });
      expect(table.items.map((r) => r.number)).toEqual([6, 7, 8, 9, 10]);
      expect(table.items[0]).toMatchObject({
        status: 'completed',
        hyperparameters: { architecture: 'mlp', batchSize: 32, optimizer: 'rmsprop', learningRate: 0.01, epochs: 2 },
        meanValAccuracy: 0.7 + 5 * 0.02,
        parameterCount: 1005,
        progress: 1,
        testAccuracy: null,
      });
      expect((response.body as TTrialTable).items[0]).not.toHaveProperty('folds');
    });

    it('filters by a list of trial numbers (the parallel-coordinates brush) and marks diverged trials', async () => {
      const table = ZTrialTable.parse((await http().get(`/experiments/${small.id}/trials?number=2,5,11&sort=number`).expect(200)).body);
      expect(table.total).toBe(3);
      expect(table.items.map((r) => [r.number, r.diverged])).toEqual([
        [2, null],
        [5, null],
        [11, null],
      ]);
      const bad = await http().get(`/experiments/${small.id}/trials?number=2,x`).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(/number must be a number/);

      const odd = await seedExperiment(t.prisma, {
        name: 'diverged',
        trials: [
          { number: 1, meanValAccuracy: 0.85, meanValLoss: 0.4 },
          { number: 2, meanValAccuracy: 0.1, meanValLoss: 14.5 },
          { number: 3, meanValAccuracy: 0.6, meanValLoss: null },
          { number: 4, status: 'running', meanValAccuracy: null },
        ],
      });
      const rows = ZTrialTable.parse((await http().get(`/experiments/${odd.id}/trials`).expect(200)).body).items;
      expect(rows.map((r) => [r.number, r.diverged])).toEqual([
        [1, null],
        [2, 'chance-accuracy'],
        [3, 'non-finite-loss'],
        [4, null],
      ]);
    });

    it('reports partial progress from the folds', async () => {
      const table = ZTrialTable.parse(
        (await http().get(`/experiments/${small.id}/trials?sort=number&order=desc&limit=2`).expect(200)).body,
      );
      expect(table.items.map((r) => [r.number, r.progress])).toEqual([
        [12, 0],
        [11, (0 + 1 + 2) / 6],
      ]);
    });

    it('sorts by a score descending with unscored trials last', async () => {
      const table = ZTrialTable.parse(
        (await http().get(`/experiments/${small.id}/trials?sort=meanValAccuracy&order=desc`).expect(200)).body,
      );
      expect(table.items.map((r) => r.number)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 11, 12]);
    });

    it('pages by score in both directions: unscored last, ties by number, every trial once whatever the page size', async () => {
      // 40 trials over 6 scores (most of them tie), every 5th unscored, numbers written out of order
      const numbers = Array.from({ length: 40 }, (_, i) => ((i * 17) % 40) + 1);
      const scoreOf = (n: number) => (n % 5 === 0 ? null : [0.5, 0.9, 0.7, 0.9, 0.5, 0.6][n % 6]!);
      const tied = await seedExperiment(t.prisma, {
        name: 'ties',
        trials: numbers.map((number) => ({ number, status: 'completed', meanValAccuracy: scoreOf(number), stdValAccuracy: 0 })),
      });
      const expected = (order: 'asc' | 'desc') =>
        [...numbers]
          .sort((a, b) => {
            const x = scoreOf(a);
            const y = scoreOf(b);
            if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
            return (order === 'desc' ? y - x : x - y) || a - b;
          })
          .map((n) => [n, scoreOf(n)]);
      for (const order of ['desc', 'asc'] as const) {
        for (const limit of [7, 40]) {
          const pages: (number | null)[][] = [];
          for (let offset = 0; offset < 40; offset += limit) {
            const table = ZTrialTable.parse(
              (
                await http()
                  .get(`/experiments/${tied.id}/trials?sort=meanValAccuracy&order=${order}&limit=${limit}&offset=${offset}`)
                  .expect(200)
              ).body,
            );
            expect(table.total).toBe(40);
            pages.push(...table.items.map((r) => [r.number, r.meanValAccuracy]));
          }
          expect(pages).toEqual(expected(order));
        }
      }
      // a score changed after the first read moves the trial (the index follows the column)
      await t.prisma.run.update({ where: { id: tied.trialIds[numbers.indexOf(5)]! }, data: { meanValAccuracy: 0.99 } });
      const top = ZTrialTable.parse(
        (await http().get(`/experiments/${tied.id}/trials?sort=meanValAccuracy&order=desc&limit=1`).expect(200)).body,
      );
      expect(top.items.map((r) => [r.number, r.meanValAccuracy])).toEqual([[5, 0.99]]);
    });

    it('sorts by a hyperparameter, ties by number', async () => {
      const table = ZTrialTable.parse((await http().get(`/experiments/${small.id}/trials?sort=learningRate&order=asc`).expect(200)).body);
      expect(table.items.map((r) => r.number)).toEqual([4, 8, 12, 3, 7, 11, 2, 6, 10, 1, 5, 9]);
      const byOptimizer = ZTrialTable.parse((await http().get(`/experiments/${small.id}/trials?sort=optimizer&limit=4`).expect(200)).body);
      expect(byOptimizer.items.map((r) => [r.hyperparameters.optimizer, r.number])).toEqual([
        ['adam', 1],
        ['adam', 4],
        ['adam', 7],
        ['adam', 10],
      ]);
    });

    it('sorts and filters a hyperparameter that some trials leave out, those read at its default', async () => {
      const mixed = await seedExperiment(t.prisma, {
        name: 'dropout',
        trials: [{ number: 1, hyperparameters: { dropout: 0.5 } }, { number: 2 }, { number: 3, hyperparameters: { dropout: 0.25 } }],
      });
      const rows = async (query: string) =>
        ZTrialTable.parse((await http().get(`/experiments/${mixed.id}/trials?${query}`).expect(200)).body).items;
      expect((await rows('sort=dropout&order=asc')).map((r) => [r.number, r.hyperparameters.dropout])).toEqual([
        [2, undefined],
        [3, 0.25],
        [1, 0.5],
      ]);
      expect((await rows('dropout=0')).map((r) => r.number)).toEqual([2]);
      expect((await rows('dropout.min=0.1&sort=dropout&order=desc')).map((r) => r.number)).toEqual([1, 3]);
      const csv = (await http().get(`/experiments/${mixed.id}/trials.csv?sort=number`).expect(200)).text.split('\r\n');
      const column = csv[0]!.split(',').indexOf('dropout');
      expect(csv.slice(1, 4).map((line) => line.split(',')[column])).toEqual(['0.5', '', '0.25']);
    });

    it('filters by value lists and ranges, and counts the matches', async () => {
      const url = `/experiments/${small.id}/trials?optimizer=adam,sgd&learningRate.min=0.001&meanValAccuracy.min=0.75&sort=meanValAccuracy&order=desc`;
      const table = ZTrialTable.parse((await http().get(url).expect(200)).body);
      // adam/sgd: 1,2,4,5,7,8,10,11; lr >= 0.001: not 4, 8; accuracy >= 0.75: number >= 4 (0.76)
      expect(table.items.map((r) => r.number)).toEqual([10, 7, 5]);
      expect(table.total).toBe(3);
      const repeated = ZTrialTable.parse(
        (await http().get(`/experiments/${small.id}/trials?status=running&status=queued`).expect(200)).body,
      );
      expect(repeated.items.map((r) => r.number)).toEqual([11, 12]);
      const architecture = ZTrialTable.parse(
        (await http().get(`/experiments/${small.id}/trials?architecture=mlp&batchSize=64`).expect(200)).body,
      );
      expect(architecture.items.map((r) => r.number)).toEqual([8, 10, 12]);
    });

    it('gives the total on a page past the end', async () => {
      const table = ZTrialTable.parse((await http().get(`/experiments/${small.id}/trials?offset=100&optimizer=adam`).expect(200)).body);
      expect(table).toMatchObject({ total: 4, items: [] });
    });

    it('answers 400 naming an unknown parameter, sort field or value, and 404 for an unknown experiment', async () => {
      const unknown = await http().get(`/experiments/${small.id}/trials?colour=red`).expect(400);
      expect(errorOf(unknown).message).toMatch(
        /unknown query parameter 'colour'; the table accepts: limit, offset, sort, order, filter, number, status/,
      );
      const sort = await http().get(`/experiments/${small.id}/trials?sort=colour`).expect(400);
      expect(errorOf(sort).message).toMatch(
        /^Invalid sort: at position 0: 'colour' is not a field.*; or sort by a column of the table: number, status, architecture/,
      );
      expect(sort.body).toHaveProperty('position', 0);
      const optimizer = await http().get(`/experiments/${small.id}/trials?optimizer=adam,nesterov`).expect(400);
      expect(errorOf(optimizer).issues![0]!.path).toBe('optimizer[1]');
      await http().get(`/experiments/${small.id}/trials?learningRate.min=abc`).expect(400);
      await http().get(`/experiments/${small.id}/trials?limit=0`).expect(400);
      const missing = await http().get('/experiments/00000000-0000-4000-8000-000000000000/trials').expect(404);
      expect(errorOf(missing).message).toBe("Experiment '00000000-0000-4000-8000-000000000000' not found");
    });

    describe('the filter language of GET /runs', () => {
      let language: SeededExperiment;
      // trial n: val_accuracy of its last epoch 0.8 + n/100 (mean of 2 folds), val_loss 1 - n/10; lr alternates 0.1 / 0.001
      beforeAll(async () => {
        language = await seedExperiment(t.prisma, {
          name: 'language',
          folds: 2,
          trials: Array.from({ length: 8 }, (_, i) => ({
            number: i + 1,
            status: i < 7 ? 'completed' : 'failed',
            learningRate: i % 2 === 0 ? 0.1 : 0.001,
            meanValAccuracy: 0.8 + (i + 1) / 100,
            hyperparameters: i < 4 ? { dropout: (i + 1) / 10 } : {},
          })),
        });
        for (const [index, trialId] of language.trialIds.entries()) {
          const n = index + 1;
          // trial 8 logged nothing
          if (n === 8) continue;
          for (const fold of [0, 1]) {
            const spread = fold === 0 ? -0.01 : 0.01;
            await seedEpochs(t.prisma, trialId, fold, [
              { loss: 1, accuracy: 0.5, valLoss: 2, valAccuracy: 0.5 },
              { loss: 0.5, accuracy: 0.9, valLoss: 1 - n / 10 + spread, valAccuracy: 0.8 + n / 100 + spread },
            ]);
          }
        }
      });
      const page = async (query: Record<string, string>) =>
        ZTrialTable.parse((await http().get(`/experiments/${language.id}/trials`).query(query).expect(200)).body);

      it('filters on params, metrics and attributes, compiled as GET /runs compiles it', async () => {
        const filter = "params.learningRate < 0.01 and metrics.val_accuracy > 0.83 and attributes.status = 'completed'";
        const table = await page({ filter, sort: 'number' });
        // lr 0.001: 2, 4, 6, 8; val_accuracy > 0.83: 4..7; completed: not 8
        expect(table.items.map((r) => r.number)).toEqual([4, 6]);
        expect(table).toMatchObject({ total: 2, filter });
        expect(table.items[0]!.params).toMatchObject({ learningRate: 0.001, dropout: 0.4, optimizer: 'adam' });
        expect(table.items[0]!.metrics['val_accuracy']).toEqual({
          last: expect.closeTo(0.84, 10) as unknown,
          lastStep: 2,
          min: 0.5,
          max: expect.closeTo(0.84, 10) as unknown,
          count: 2,
        });
        // GET /runs reads the same filter the same way
        const runs = (await http().get('/runs').query({ experiment: language.id, filter, sort: 'attributes.number' }).expect(200))
          .body as TRunList;
        expect(runs.items.map((r) => r.number)).toEqual([4, 6]);
      });

      it('ANDs the language with the older filters and the brush, and negates a missing field as false', async () => {
        expect((await page({ filter: 'metrics.val_loss < 0.5', number: '3,6,7,8' })).items.map((r) => r.number)).toEqual([6, 7]);
        expect((await page({ filter: 'params.dropout is null' })).items.map((r) => r.number)).toEqual([5, 6, 7, 8]);
        expect((await page({ filter: 'not params.dropout >= 0.3' })).items.map((r) => r.number)).toEqual([1, 2, 5, 6, 7, 8]);
        expect(
          (
            await page({ filter: "attributes.status in ('failed') or metrics.val_accuracy.min > 0.5", 'meanValAccuracy.min': '0.85' })
          ).items.map((r) => r.number),
        ).toEqual([8]);
      });

      it('sorts by a metric or a parameter of the language, rows without one last, ties by number', async () => {
        const byLoss = await page({ sort: 'metrics.val_loss', order: 'asc' });
        expect(byLoss.items.map((r) => r.number)).toEqual([7, 6, 5, 4, 3, 2, 1, 8]);
        expect(byLoss.sort).toBe('metrics.val_loss');
        const byDropout = await page({ sort: 'params.dropout', order: 'desc', limit: '5' });
        expect(byDropout.items.map((r) => r.number)).toEqual([4, 3, 2, 1, 5]);
        expect(byDropout.total).toBe(8);
        const byRate = await page({ sort: 'params.learningRate', order: 'desc', offset: '2', limit: '3' });
        expect(byRate.items.map((r) => r.number)).toEqual([5, 7, 2]);
      });

      it('lists every params and metric key of the experiment, whatever the page or the filter', async () => {
        const table = await page({ filter: 'attributes.number = 8', limit: '1' });
        expect(table.items.map((r) => [r.number, r.metrics])).toEqual([[8, {}]]);
        expect(table.keys.metrics).toEqual(['accuracy', 'epoch_seconds', 'loss', 'val_accuracy', 'val_loss']);
        expect(table.keys.params).toEqual(
          expect.arrayContaining([
            { key: 'architecture', numeric: false },
            { key: 'dropout', numeric: true },
            { key: 'learningRate', numeric: true },
          ]),
        );
        expect(table.keys.params.map((p) => p.key)).toEqual([...table.keys.params.map((p) => p.key)].sort());
      });

      it('refuses a filter or a sort that does not parse with 400, its message and its position', async () => {
        const filter = 'params.learningRate < and metrics.val_accuracy > 0.9';
        const bad = await http().get(`/experiments/${language.id}/trials`).query({ filter }).expect(400);
        expect(bad.body).toMatchObject({
          error: 'validation_failed',
          message: "Invalid filter: at position 22: expected a value (a number, 'text', true or false) but found 'and'",
          position: 22,
          issues: [{ path: 'filter' }],
        });
        const typed = await http().get(`/experiments/${language.id}/trials`).query({ filter: "metrics.val_loss > 'low'" }).expect(400);
        expect(typed.body).toMatchObject({ position: 19, message: expect.stringMatching(/metrics\.val_loss holds numbers/) as unknown });
        const direction = await http().get(`/experiments/${language.id}/trials`).query({ sort: 'metrics.val_loss desc' }).expect(400);
        expect(direction.body).toMatchObject({ position: 17, message: expect.stringMatching(/goes in `order` \(order=desc\)/) as unknown });
        // the CSV refuses it the same way
        const csv = await http().get(`/experiments/${language.id}/trials.csv`).query({ filter }).expect(400);
        expect(csv.body).toHaveProperty('position', 22);
      });

      it('exports the CSV of what the query selects, in its order, with a column per metric', async () => {
        const response = await http()
          .get(`/experiments/${language.id}/trials.csv`)
          .query({ filter: 'params.learningRate < 0.01', sort: 'metrics.val_loss', order: 'desc' })
          .expect(200);
        const lines = response.text
          .split('\r\n')
          .filter(Boolean)
          .map((line) => line.split(','));
        const header = lines[0]!;
        expect(header.slice(-5)).toEqual([
          'metrics.accuracy',
          'metrics.epoch_seconds',
          'metrics.loss',
          'metrics.val_accuracy',
          'metrics.val_loss',
        ]);
        expect(lines.slice(1).map((line) => line[0])).toEqual(['2', '4', '6', '8']);
        const valLoss = header.indexOf('metrics.val_loss');
        const losses = lines.slice(1).map((line) => line[valLoss]);
        expect(losses[3]).toBe('');
        losses.slice(0, 3).forEach((value, i) => expect(Number(value)).toBeCloseTo(0.8 - i * 0.2, 10));
      });
    });

    it('shows the latest test accuracy and sorts on it', async () => {
      await seedEvaluation(t.prisma, {
        experimentId: small.id,
        trialId: small.trialIds[2]!,
        split: 'test',
        matrix: [
          [3, 1],
          [0, 4],
        ],
        classNames: ['a', 'b'],
      });
      await seedEvaluation(t.prisma, {
        experimentId: small.id,
        trialId: small.trialIds[4]!,
        split: 'test',
        matrix: [
          [4, 0],
          [0, 4],
        ],
        classNames: ['a', 'b'],
      });
      const table = ZTrialTable.parse(
        (await http().get(`/experiments/${small.id}/trials?sort=testAccuracy&order=desc&limit=3`).expect(200)).body,
      );
      expect(table.items.map((r) => [r.number, r.testAccuracy])).toEqual([
        [5, 1],
        [3, 0.875],
        [1, null],
      ]);
      const filtered = ZTrialTable.parse((await http().get(`/experiments/${small.id}/trials?testAccuracy.min=0.9`).expect(200)).body);
      expect(filtered.items.map((r) => r.number)).toEqual([5]);
    });

    it('sorts, filters and pages 10,000 trials in one experiment', async () => {
      const big = await seedExperiment(t.prisma, {
        name: 'ten thousand',
        trials: Array.from({ length: 10_000 }, (_, i) => ({
          number: i + 1,
          optimizer: OPTIMIZERS[i % 3],
          learningRate: RATES[i % 4],
          batchSize: [16, 32, 64, 128][i % 4],
          momentum: (i % 10) / 10,
          meanValAccuracy: i % 7 === 0 ? null : ((i * 7919) % 1000) / 1000,
          stdValAccuracy: 0.01,
          meanValLoss: ((i * 104729) % 1000) / 500,
        })),
      });
      const urls = [
        'sort=meanValAccuracy&order=desc&limit=50',
        'sort=learningRate&order=asc&limit=100&offset=5000',
        'optimizer=adam,sgd&learningRate.min=0.001&meanValAccuracy.min=0.8&sort=meanValLoss',
        'sort=optimizer&order=desc&offset=9950',
        'sort=testAccuracy&order=desc',
        'status=completed&batchSize=32,64&sort=momentum&order=desc&limit=500',
        `filter=${encodeURIComponent("params.learningRate < 0.01 and params.optimizer in ('adam', 'sgd') and attributes.status = 'completed'")}&sort=params.momentum&order=desc`,
        `filter=${encodeURIComponent('not params.batchSize = 16')}&sort=metrics.val_loss&offset=9000`,
      ];
      // every combination answers at this size (its speed is bench/ui's to measure, not a test's)
      for (const url of urls) {
        const response = await http().get(`/experiments/${big.id}/trials?${url}`).expect(200);
        expect((response.body as TTrialTable).total).toBeGreaterThan(0);
      }
      const top = ZTrialTable.parse(
        (await http().get(`/experiments/${big.id}/trials?sort=meanValAccuracy&order=desc&limit=3`).expect(200)).body,
      );
      expect(top.total).toBe(10_000);
      // 10 of every 1,000 numbers score 0.999; every 7th trial has no score
      expect(top.items.map((r) => r.meanValAccuracy)).toEqual([0.999, 0.999, 0.999]);
      const best = Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 7 !== 0 && (i * 7919) % 1000 === 999);
      expect(top.items.map((r) => r.number)).toEqual(best.slice(0, 3).map((i) => i + 1));
      const unscored = ZTrialTable.parse(
        (await http().get(`/experiments/${big.id}/trials?sort=meanValAccuracy&order=desc&offset=9999`).expect(200)).body,
      );
      expect(unscored.items[0]!.meanValAccuracy).toBeNull();
    }, 180_000);
  });

  it('documents the new routes in OpenAPI, with every table filter as a query parameter', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    for (const path of [
      '/experiments/{id}/trials',
      '/experiments/{id}/trials.csv',
      '/experiments/{id}/leaderboard',
      '/compare',
      '/trials/{id}/evaluations',
      '/trials/{id}/models',
      '/trials/{id}/refit',
      '/models/{id}',
      '/models/{id}/download',
      '/models/{id}/predict',
    ]) {
      expect(document.paths).toHaveProperty([path]);
    }
    const names = document.paths['/experiments/{id}/trials']!.get!.parameters.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['id', 'limit', 'sort', 'order', 'filter', 'optimizer', 'learningRate.min', 'meanValAccuracy.max', 'status']),
    );
    const csvNames = document.paths['/experiments/{id}/trials.csv']!.get!.parameters.map((p) => p.name);
    expect(csvNames).toEqual(expect.arrayContaining(['filter', 'sort', 'order']));
  });

  describe('GET /experiments/:id/trials.csv', () => {
    it('exports every trial as RFC 4180 CSV with an attachment name', async () => {
      const response = await http().get(`/experiments/${small.id}/trials.csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename=table-quoted-test-trials.csv');
      const lines = response.text.split('\r\n');
      // every hyperparameter of the registry; those the trials do not record left empty
      const defaults = DEFAULTED_HYPERPARAMETER_NAMES.map(() => '');
      expect(lines[0]).toBe(
        [
          'number',
          'status',
          ...HYPERPARAMETER_NAMES,
          'meanValAccuracy',
          'stdValAccuracy',
          'meanValLoss',
          'parameterCount',
          'rung',
          'testAccuracy',
        ].join(','),
      );
      expect(HYPERPARAMETER_NAMES.slice(0, 7)).toEqual([
        'architecture',
        'batchSize',
        'epochs',
        'activation',
        'optimizer',
        'learningRate',
        'momentum',
      ]);
      expect(lines).toHaveLength(14); // header, 12 trials, the empty string after the last CRLF
      expect(lines[3]).toBe(['3,completed,cnn-a,32,2,relu,rmsprop,0.001,0', ...defaults, '0.74,0.01,0.9,1002,,0.875'].join(','));
      expect(lines[12]).toBe(['12,queued,mlp,64,2,relu,rmsprop,0.0001,0', ...defaults, ',,,1011,,'].join(','));
    });

    it('404s for an unknown experiment', async () => {
      await http().get('/experiments/00000000-0000-4000-8000-000000000000/trials.csv').expect(404);
    });

    it('streams the file a batch of trials at a time through a cursor, never built whole', async () => {
      const response = await http()
        .get(`/experiments/${small.id}/trials.csv`)
        .query({ sort: 'meanValAccuracy', order: 'desc' })
        .expect(200);
      // streamed: chunked transfer, no length known up front (a body built whole would carry Content-Length)
      expect(response.headers['transfer-encoding']).toBe('chunked');
      expect(response.headers['content-length']).toBeUndefined();
      // the same export, batches of 5 of the 12 trials: the header, then 5, 5 and 2 lines, each batch written before the next is read
      const query = ZTrialTableQuery.parse({ sort: 'meanValAccuracy', order: 'desc' });
      const { write } = await t.app.get(TrialTableService).csv(small.id, query, { batch: 5 });
      const chunks: string[] = [];
      await write((chunk) => {
        chunks.push(chunk);
        return Promise.resolve();
      });
      expect(chunks.map((chunk) => chunk.split('\r\n').length - 1)).toEqual([1, 5, 5, 2]);
      expect(chunks.join('')).toBe(response.text);
      // best first, the unscored last in number order
      expect(
        response.text
          .split('\r\n')
          .slice(1, -1)
          .map((line) => line.split(',')[0]),
      ).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '11', '12']);
    });

    it('stops reading when the client goes (the sink rejects), and the next export still gets a connection', async () => {
      const { write } = await t.app.get(TrialTableService).csv(small.id, ZTrialTableQuery.parse({}), { batch: 4 });
      let calls = 0;
      const gone = write(() => {
        calls += 1;
        return calls === 2 ? Promise.reject(new Error('the client closed the download')) : Promise.resolve();
      });
      await expect(gone).rejects.toThrow('the client closed the download');
      // the header and the first batch: the second and third batches were never fetched
      expect(calls).toBe(2);
      const again = await http().get(`/experiments/${small.id}/trials.csv`).expect(200);
      expect(again.text.split('\r\n')).toHaveLength(14);
    });
  });

  describe('GET /trials/:id/evaluations and /models', () => {
    it('lists validation then test, with sample predictions and class names', async () => {
      const trialId = small.trialIds[0]!;
      await seedEvaluation(t.prisma, {
        experimentId: small.id,
        trialId,
        split: 'test',
        matrix: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 9 : i === 0 && j === 1 ? 1 : 0))),
        classNames: Array.from({ length: 10 }, (_, i) => `c${i}`),
        samples: [{ index: 4, trueLabel: 0, predictedLabel: 1, confidence: 0.6, probabilities: [0.4, 0.6, 0, 0, 0, 0, 0, 0, 0, 0] }],
      });
      await seedEvaluation(t.prisma, {
        experimentId: small.id,
        trialId,
        split: 'validation',
        matrix: Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 5 : 0))),
        classNames: Array.from({ length: 10 }, (_, i) => `c${i}`),
      });
      const body = ZTrialEvaluations.parse((await http().get(`/trials/${trialId}/evaluations`).expect(200)).body);
      expect(body.items.map((e) => e.split)).toEqual(['validation', 'test']);
      expect(body.items[0]!.classNames[0]).toBe('T-shirt/top');
      expect(body.items[0]).toMatchObject({ datasetKey: 'fashion-mnist', accuracy: 1 });
      expect(body.items[1]!.accuracy).toBeCloseTo(90 / 91, 10);
      expect(body.items[1]!.confusionMatrix[0]).toEqual([9, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(body.items[1]!.samplePredictions).toEqual([
        { index: 4, trueLabel: 0, predictedLabel: 1, confidence: 0.6, probabilities: [0.4, 0.6, 0, 0, 0, 0, 0, 0, 0, 0] },
      ]);
      await http().get('/trials/00000000-0000-4000-8000-000000000000/evaluations').expect(404);
    });

    it('lists the model artifacts newest first, without their bytes', async () => {
      const trialId = small.trialIds[1]!;
      for (const [i, size] of [10, 20].entries()) {
        await t.prisma.artifact.create({
          data: {
            experimentId: small.id,
            trialId,
            kind: 'model',
            content: new Uint8Array(size),
            sizeBytes: BigInt(size),
            sha256: `sha-${i}`,
            metadata: { backend: 'cpu', trainedOn: 100 },
            createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
          },
        });
      }
      const body = ZModelArtifactList.parse((await http().get(`/trials/${trialId}/models`).expect(200)).body);
      expect(body.items.map((m) => [m.sizeBytes, m.sha256, m.backend, m.trainedOn])).toEqual([
        [20, 'sha-1', 'cpu', 100],
        [10, 'sha-0', 'cpu', 100],
      ]);
      expect(ZModelArtifactList.parse((await http().get(`/trials/${small.trialIds[3]}/models`).expect(200)).body).items).toEqual([]);
    });
  });

  describe('POST /trials/:id/refit', () => {
    it('queues a refit job whose generation counts the models the trial already has', async () => {
      const trialId = small.trialIds[1]!; // two models above
      const body = ZRefitQueued.parse((await http().post(`/trials/${trialId}/refit`).expect(202)).body);
      expect(body).toEqual({
        experimentId: small.id,
        trialId,
        generation: 2,
        jobId: refitJobId({ trialId, generation: 2 }),
        status: 'queued',
      });
      const job = await t.queue.getJob(body.jobId);
      expect(job?.name).toBe(JOB_NAMES.refit);
      expect(job?.data).toEqual({
        experimentId: small.id,
        trialId,
        generation: 2,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      });
      // a second click while the first is waiting is the same job
      expect(ZRefitQueued.parse((await http().post(`/trials/${trialId}/refit`).expect(202)).body).jobId).toBe(body.jobId);
      expect((await t.queue.getJobs(['prioritized', 'waiting'])).filter((j) => j.name === JOB_NAMES.refit)).toHaveLength(1);
    });

    it('answers 409 for a trial without a score and 404 for an unknown trial', async () => {
      const conflict = await http().post(`/trials/${small.trialIds[11]}/refit`).expect(409);
      expect(errorOf(conflict).message).toMatch(/Trial 12 of 'Table, "quoted", test' is queued and has no cross-validation score yet/);
      await http().post('/trials/00000000-0000-4000-8000-000000000000/refit').expect(404);
      await http().post('/trials/not-a-uuid/refit').expect(400);
    });
  });
});
