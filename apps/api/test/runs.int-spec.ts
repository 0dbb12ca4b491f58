import {
  progressChannel,
  RUN_LIMITS,
  ZLogResponse,
  ZRunDetail,
  ZRunMetrics,
  type TRunDetail,
  type TLogResponse,
  type TRunList,
} from '@atelier/domain';
import { seedExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf, type OpenApiDocument } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('runs logged from code (PostgreSQL + Redis)', () => {
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

  /** Everything a refused request could have half-written for this run. */
  async function stateOf(runId: string) {
    const run = await t.prisma.run.findUniqueOrThrow({
      where: { id: runId },
      select: { status: true, params: true, tags: true, lastSeenAt: true, name: true, notes: true },
    });
    const metrics = await t.prisma.metric.count({ where: { runId } });
    const summaries = await t.prisma.metricSummary.findMany({ where: { runId }, orderBy: { key: 'asc' } });
    return { run, metrics, summaries };
  }

  describe('POST /runs', () => {
    it('creates the tracked experiment on the first run, numbers runs in it, flattens parameters', async () => {
      const first = await createRun({
        experiment: 'mnist-sweep',
        name: 'baseline',
        params: { lr: 0.01, optimizer: { name: 'adam', beta1: 0.9 }, augment: true },
        tags: { team: 'vision' },
        notes: '# first try',
      });
      expect(first).toMatchObject({
        experimentName: 'mnist-sweep',
        source: 'tracked',
        number: 1,
        name: 'baseline',
        status: 'queued',
        params: { lr: 0.01, 'optimizer.name': 'adam', 'optimizer.beta1': 0.9, augment: true },
        tags: { team: 'vision' },
        notes: '# first try',
        metrics: {},
        folds: [],
        artifacts: [],
        startedAt: null,
        finishedAt: null,
      });
      const experiment = await t.prisma.experiment.findUniqueOrThrow({ where: { id: first.experimentId } });
      expect(experiment).toMatchObject({ kind: 'tracked', name: 'mnist-sweep', datasetId: null, strategy: null, trialCount: 1 });

      const second = await createRun({ experiment: 'mnist-sweep' });
      expect(second).toMatchObject({ experimentId: first.experimentId, number: 2, name: null, params: {}, tags: {}, notes: '' });
      expect((await t.prisma.experiment.findUniqueOrThrow({ where: { id: first.experimentId } })).trialCount).toBe(2);
    });

    it('makes one experiment and distinct numbers when many clients start the same new experiment at once', async () => {
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          http()
            .post('/runs')
            .send({ experiment: 'parallel-start', name: `worker-${i}` }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
      const experiments = await t.prisma.experiment.findMany({ where: { name: 'parallel-start' } });
      expect(experiments).toHaveLength(1);
      expect(responses.map((r) => (r.body as TRunDetail).number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      expect(await t.prisma.run.count({ where: { experimentId: experiments[0]!.id } })).toBe(12);
    });

    it('refuses a parameter that is not a number, a string or a boolean, naming its key, and stores nothing', async () => {
      const [experiments, runs] = [await t.prisma.experiment.count(), await t.prisma.run.count()];
      const response = await http()
        .post('/runs')
        .send({ experiment: 'never-created', params: { model: { layers: [64, 32] }, seed: null } })
        .expect(400);
      expect(errorOf(response).message).toBe(
        'Invalid run: params.model.layers must be a number, a string or a boolean, not a list (log a list as a string or as one key per item); ' +
          'params.seed must be a number, a string or a boolean, not null',
      );
      expect(errorOf(response).issues!.map((issue: { path: string }) => issue.path)).toEqual(['params.model.layers', 'params.seed']);
      expect([await t.prisma.experiment.count(), await t.prisma.run.count()]).toEqual([experiments, runs]);
    });

    it('refuses unknown fields and the name of a search', async () => {
      const unknown = await http().post('/runs').send({ experiment: 'x', parameters: {} }).expect(400);
      expect(errorOf(unknown).message).toMatch(/parameters/);
      await seedExperiment(t.prisma, { name: 'a search', trials: [{ number: 1 }] });
      const runs = await t.prisma.run.count();
      const search = await http().post('/runs').send({ experiment: 'a search' }).expect(409);
      expect(errorOf(search).message).toBe(
        "'a search' is the name of a search. Runs logged from code go to experiments of their own: choose another experiment name.",
      );
      expect(await t.prisma.run.count()).toBe(runs);
    });
  });

  describe('POST /runs/:id/log', () => {
    it('stores two steps, starts the run, keeps summaries, and reads back with NaN and Infinity as strings', async () => {
      const run = await createRun({ experiment: 'logging', params: { lr: 0.1 } });
      const before = Date.now();
      const first = await http()
        .post(`/runs/${run.id}/log`)
        .send({
          metrics: [
            { key: 'loss', value: 0.9, step: 0 },
            { key: 'val_accuracy', value: 0.5, step: 0, timestamp: 1_765_000_000_000 },
          ],
          params: { batch: 32 },
          tags: { phase: 'warmup' },
        })
        .expect(200);
      expect(ZLogResponse.parse(first.body)).toMatchObject({ runId: run.id, points: 2, status: 'running' });
      expect(Date.parse((first.body as TLogResponse).lastSeenAt)).toBeGreaterThanOrEqual(before - 1000);
      await http()
        .post(`/runs/${run.id}/log`)
        .send({
          metrics: [
            { key: 'loss', value: 'NaN', step: 1 },
            { key: 'val_accuracy', value: 'Infinity', step: 1 },
            { key: 'loss', value: 0.4, step: 1, fold: 0 },
            { key: 'loss', value: 0.6, step: 1, fold: 1 },
          ],
        })
        .expect(200);

      const detail = ZRunDetail.parse((await http().get(`/runs/${run.id}`).expect(200)).body);
      expect(detail.status).toBe('running');
      expect(detail.startedAt).not.toBeNull();
      expect(detail.params).toEqual({ lr: 0.1, batch: 32 });
      expect(detail.tags).toEqual({ phase: 'warmup' });
      expect(detail.folds).toEqual([0, 1]);
      expect(detail.metrics).toEqual({
        loss: { last: 'NaN', lastStep: 1, min: 0.9, max: 0.9, count: 2 },
        val_accuracy: { last: 'Infinity', lastStep: 1, min: 0.5, max: 'Infinity', count: 2 },
      });

      const series = ZRunMetrics.parse((await http().get(`/runs/${run.id}/metrics?keys=loss,val_accuracy`).expect(200)).body);
      expect(series.series.map((s) => [s.key, s.fold, s.count, s.downsampled, s.points.map((p) => p.value)])).toEqual([
        ['loss', null, 2, false, [0.9, 'NaN']],
        ['loss', 0, 1, false, [0.4]],
        ['loss', 1, 1, false, [0.6]],
        ['val_accuracy', null, 2, false, [0.5, 'Infinity']],
      ]);
      expect(series.series[3]!.points[0]!.time).toBe(new Date(1_765_000_000_000).toISOString());
      const onlyLoss = ZRunMetrics.parse((await http().get(`/runs/${run.id}/metrics?keys=loss`).expect(200)).body);
      expect(onlyLoss.series.map((s) => s.key)).toEqual(['loss', 'loss', 'loss']);
    });

    it('is idempotent: the same batch twice stores each point once', async () => {
      const run = await createRun({ experiment: 'logging' });
      const batch = {
        metrics: Array.from({ length: 20 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step })),
        params: { seed: 7 },
      };
      await http().post(`/runs/${run.id}/log`).send(batch).expect(200);
      const once = await stateOf(run.id);
      await http().post(`/runs/${run.id}/log`).send(batch).expect(200);
      const twice = await stateOf(run.id);
      expect(once.metrics).toBe(20);
      expect(twice.metrics).toBe(20);
      expect(twice.summaries.map((s) => [s.key, s.count, s.last, s.min, s.max])).toEqual([['loss', 20, 1 / 20, 1 / 20, 1]]);
      expect(twice.run.params).toEqual({ seed: 7 });
    });

    it('keeps every point exactly once when many runs log at once, retry, and end mid-stream (grouped writes)', async () => {
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_, i) => createRun({ experiment: 'concurrent-loggers', name: `logger-${i}` })),
      );
      const batch = (k: number) => ({
        metrics: Array.from({ length: 10 }, (_, s) => ({
          key: s % 2 ? 'acc' : 'loss',
          value: k + s / 10,
          step: k * 5 + Math.floor(s / 2),
        })),
      });
      // four rounds of all eight at once; in round 2 every batch is sent twice (a client retrying)
      for (let k = 0; k < 4; k++) {
        const senders = runs.flatMap((run) => (k === 2 ? [run, run] : [run]));
        const answers = await Promise.all(senders.map((run) => http().post(`/runs/${run.id}/log`).send(batch(k))));
        // the first run ends after round 1: its later batches are refused, the others' are not
        expect(answers.map((answer) => answer.status)).toEqual(senders.map((run) => (run === runs[0] && k >= 2 ? 409 : 200)));
        if (k === 1) await http().patch(`/runs/${runs[0]!.id}`).send({ status: 'finished' }).expect(200);
      }
      for (const [i, run] of runs.entries()) {
        const rounds = i === 0 ? 2 : 4; // the first run ended after round 1 (its later batches were refused)
        const state = await stateOf(run.id);
        expect([i, state.metrics]).toEqual([i, rounds * 10]);
        expect(state.summaries.map((s) => [s.key, s.count, s.lastStep])).toEqual([
          ['acc', rounds * 5, rounds * 5 - 1],
          ['loss', rounds * 5, rounds * 5 - 1],
        ]);
        expect(state.summaries.find((s) => s.key === 'loss')).toMatchObject({ min: 0, max: rounds - 1 + 0.8 });
      }
    });

    it('takes a full batch of 1,000 points with long keys (the JSON limit is above it)', async () => {
      const run = await createRun({ experiment: 'logging' });
      const key = `k/${'x'.repeat(240)}`;
      const metrics = Array.from({ length: RUN_LIMITS.pointsPerLog }, (_, step) => ({
        key,
        value: Math.sin(step),
        step,
        timestamp: 1_765_000_000_000 + step,
      }));
      const response = await http().post(`/runs/${run.id}/log`).send({ metrics }).expect(200);
      expect((response.body as TLogResponse).points).toBe(1000);
      expect(await t.prisma.metric.count({ where: { runId: run.id } })).toBe(1000);
    });

    describe('refusals leave nothing half-written', () => {
      let run: TRunDetail;
      let before: Awaited<ReturnType<typeof stateOf>>;
      const good = (step: number) => ({ key: 'loss', value: 0.5, step });

      beforeAll(async () => {
        run = await createRun({ experiment: 'refusals', params: { lr: 0.01, optimizer: 'adam' }, tags: { team: 'vision' } });
        await http()
          .post(`/runs/${run.id}/log`)
          .send({ metrics: [good(0)] })
          .expect(200);
      });
      beforeEach(async () => {
        before = await stateOf(run.id);
      });
      afterEach(async () => {
        const after = await stateOf(run.id);
        expect(after).toEqual(before);
      });

      it('404 for an unknown run', async () => {
        const response = await http()
          .post(`/runs/${MISSING}/log`)
          .send({ metrics: [good(1)] })
          .expect(404);
        expect(errorOf(response).message).toBe(`Run ${MISSING} not found.`);
        expect(await t.prisma.metric.count({ where: { runId: MISSING } })).toBe(0);
      });

      it('409 for a parameter sent with another value, naming both; the points of that batch are not stored', async () => {
        const response = await http()
          .post(`/runs/${run.id}/log`)
          .send({ metrics: [good(1), good(2)], params: { lr: 0.02, optimizer: 'adam', momentum: 0.9 }, tags: { phase: 'x' } })
          .expect(409);
        expect(errorOf(response).message).toBe(
          "Parameters are set once per run: 'lr' is 0.01, this batch sends 0.02. Log a changing value as a metric, or start a new run. Nothing was stored.",
        );
      });

      it('400 naming the index of a value that is not a number', async () => {
        const response = await http()
          .post(`/runs/${run.id}/log`)
          .send({ metrics: [good(1), good(2), good(3), { key: 'loss', value: 'high', step: 4 }] })
          .expect(400);
        expect(errorOf(response).message).toBe('Invalid log batch: metrics[3].value must be a number or NaN/Infinity/-Infinity');
        expect(errorOf(response).issues).toEqual([{ path: 'metrics[3].value', message: 'must be a number or NaN/Infinity/-Infinity' }]);
      });

      it('400 naming the index of a point with a field points do not have', async () => {
        const response = await http()
          .post(`/runs/${run.id}/log`)
          .send({ metrics: [good(1), good(2), { key: 'loss', value: 1, step: 3, epoch: 3 }] })
          .expect(400);
        expect(errorOf(response).message).toBe("Invalid log batch: metrics[2] has no field 'epoch'");
      });

      it('400 for a negative or fractional step, and for an unknown top-level field', async () => {
        const step = await http()
          .post(`/runs/${run.id}/log`)
          .send({ metrics: [{ key: 'loss', value: 1, step: 1.5 }] })
          .expect(400);
        expect(errorOf(step).message).toBe('Invalid log batch: metrics[0].step must be a whole number');
        const field = await http().post(`/runs/${run.id}/log`).send({ metric: [] }).expect(400);
        expect(errorOf(field).message).toBe("Invalid log batch: the request has no field 'metric'");
      });

      it('400 naming the key of a parameter that is not a number, a string or a boolean', async () => {
        const response = await http()
          .post(`/runs/${run.id}/log`)
          .send({ metrics: [good(1)], params: { layers: [1, 2] } })
          .expect(400);
        expect(errorOf(response).message).toMatch(/^Invalid log batch: params\.layers must be a number, a string or a boolean, not a list/);
      });

      it('413 above 1,000 points, before reading them', async () => {
        const metrics = Array.from({ length: RUN_LIMITS.pointsPerLog + 1 }, (_, step) => good(step));
        const response = await http().post(`/runs/${run.id}/log`).send({ metrics }).expect(413);
        expect(response.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
        expect(errorOf(response).message).toBe(
          'A log batch holds at most 1000 points; this one has 1001. Send them in batches of 1000 or fewer: nothing was stored.',
        );
      });

      it('409 for a trial of a search', async () => {
        const search = await seedExperiment(t.prisma, { name: 'search for log', trials: [{ number: 1, status: 'running' }] });
        const trialPoints = await t.prisma.metric.count({ where: { runId: search.trialIds[0]! } });
        const response = await http()
          .post(`/runs/${search.trialIds[0]}/log`)
          .send({ metrics: [good(1)] })
          .expect(409);
        expect(errorOf(response).message).toBe(
          "Run 1 is a trial of a search: Atelier's workers log its metrics. Log from code to a run created with POST /runs.",
        );
        expect(await t.prisma.metric.count({ where: { runId: search.trialIds[0]! } })).toBe(trialPoints);
      });

      it('the same parameter value again is fine (this one writes, so it checks its own rows)', async () => {
        // not a refusal: undo the afterEach comparison by taking the new state as the baseline
        await http()
          .post(`/runs/${run.id}/log`)
          .send({ params: { lr: 0.01 } })
          .expect(200);
        before = await stateOf(run.id);
        expect(before.run.params).toEqual({ lr: 0.01, optimizer: 'adam' });
      });
    });

    it('409 once the run has ended, and nothing of the batch is stored', async () => {
      const run = await createRun({ experiment: 'ended' });
      await http()
        .post(`/runs/${run.id}/log`)
        .send({ metrics: [{ key: 'loss', value: 1, step: 0 }] })
        .expect(200);
      await http().patch(`/runs/${run.id}`).send({ status: 'finished' }).expect(200);
      const before = await stateOf(run.id);
      const response = await http()
        .post(`/runs/${run.id}/log`)
        .send({ metrics: [{ key: 'loss', value: 2, step: 1 }], params: { late: 1 } })
        .expect(409);
      expect(errorOf(response).message).toBe(
        `Run ${run.number} has ended (finished): nothing more can be logged to it, and nothing of this batch was stored. Start a new run to log more.`,
      );
      expect(await stateOf(run.id)).toEqual(before);
    });

    it('publishes each log as a run event on the experiment channel and on GET /runs/:id/events', async () => {
      const run = await createRun({ experiment: 'live' });
      const subscriber = t.redis.duplicate();
      const published: unknown[] = [];
      await subscriber.subscribe(progressChannel(t.config.REDIS_PREFIX, run.experimentId));
      subscriber.on('message', (_channel: string, message: string) => published.push((JSON.parse(message) as { event: unknown }).event));

      const controller = new AbortController();
      const stream = await fetch(`${t.url}/runs/${run.id}/events`, { headers: t.authHeaders, signal: controller.signal });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const readUntil = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      };
      await readUntil('event: snapshot');
      // the snapshot's state: the run as GET /runs/:id answers it
      const snapshot = JSON.parse(/event: snapshot\ndata: (.*)\n/.exec(text)![1]!) as { state: unknown; resumed: boolean };
      expect(snapshot).toMatchObject({ resumed: false, state: { id: run.id, status: 'queued' } });
      // another run of the same experiment: not on this run's stream
      const other = await createRun({ experiment: 'live' });
      await http()
        .post(`/runs/${other.id}/log`)
        .send({ metrics: [{ key: 'loss', value: 9, step: 0 }] })
        .expect(200);
      await http()
        .post(`/runs/${run.id}/log`)
        .send({ metrics: [{ key: 'loss', value: 'NaN', step: 3, fold: 1, timestamp: 1_765_000_000_000 }] })
        .expect(200);
      await readUntil('event: run');
      controller.abort();
      const data = JSON.parse(/event: run\ndata: (.*)\n/.exec(text)![1]!) as unknown;
      expect(data).toMatchObject({
        type: 'run',
        experimentId: run.experimentId,
        runId: run.id,
        status: 'running',
        points: [{ key: 'loss', fold: 1, step: 3, value: 'NaN', time: new Date(1_765_000_000_000).toISOString() }],
      });
      expect(text).not.toContain(other.id);

      for (let i = 0; i < 50 && published.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      await subscriber.quit();
      expect(published.map((event) => (event as { runId: string }).runId)).toEqual([other.id, other.id, run.id]);
      const missing = await fetch(`${t.url}/runs/${MISSING}/events`, { headers: t.authHeaders });
      expect(missing.status).toBe(404);
    });
  });

  describe('PATCH /runs/:id', () => {
    it('ends a run, renames it, replaces notes, sets and removes tags', async () => {
      const run = await createRun({ experiment: 'patching', tags: { team: 'vision', temp: 'x' } });
      const response = await http()
        .patch(`/runs/${run.id}`)
        .send({ status: 'finished', name: 'final', notes: 'done', tags: { temp: null, result: 'good' } })
        .expect(200);
      const patched = ZRunDetail.parse(response.body);
      expect(patched).toMatchObject({ status: 'completed', name: 'final', notes: 'done', tags: { team: 'vision', result: 'good' } });
      expect(patched.finishedAt).not.toBeNull();
      expect(patched.startedAt).not.toBeNull();
      // ending it again with the same status is harmless, and keeps the first finishing time
      const again = ZRunDetail.parse((await http().patch(`/runs/${run.id}`).send({ status: 'finished' }).expect(200)).body);
      expect(again.finishedAt).toBe(patched.finishedAt);
      // tags and notes of an ended run can still change
      await http()
        .patch(`/runs/${run.id}`)
        .send({ tags: { reviewed: 'yes' } })
        .expect(200);
    });

    it('maps failed and killed to the stored statuses, and refuses another ending', async () => {
      const failed = await createRun({ experiment: 'patching' });
      expect(((await http().patch(`/runs/${failed.id}`).send({ status: 'failed' }).expect(200)).body as TRunDetail).status).toBe('failed');
      const killed = await createRun({ experiment: 'patching' });
      expect(((await http().patch(`/runs/${killed.id}`).send({ status: 'killed' }).expect(200)).body as TRunDetail).status).toBe(
        'cancelled',
      );
      const before = await stateOf(killed.id);
      const response = await http().patch(`/runs/${killed.id}`).send({ status: 'finished', name: 'renamed' }).expect(409);
      expect(errorOf(response).message).toBe(`Run ${killed.number} has ended (killed); it cannot be marked as finished now.`);
      expect(await stateOf(killed.id)).toEqual(before);
    });

    it('refuses a status for a search trial (its status follows the search) but takes its tags', async () => {
      const search = await seedExperiment(t.prisma, { name: 'search for patch', trials: [{ number: 1, status: 'running' }] });
      const id = search.trialIds[0]!;
      const response = await http().patch(`/runs/${id}`).send({ status: 'killed' }).expect(409);
      expect(errorOf(response).message).toBe(
        `Run 1 is a trial of a search: its status follows the search. Cancel the search instead (POST /experiments/${search.id}/cancel).`,
      );
      expect((await t.prisma.run.findUniqueOrThrow({ where: { id } })).status).toBe('running');
      const tagged = await http()
        .patch(`/runs/${id}`)
        .send({ tags: { keep: 'yes' } })
        .expect(200);
      expect(tagged.body).toMatchObject({ source: 'search', status: 'running', tags: { keep: 'yes' } });
    });

    it('404 for an unknown run, 400 for an unknown status', async () => {
      await http().patch(`/runs/${MISSING}`).send({ name: 'x' }).expect(404);
      const run = await createRun({ experiment: 'patching' });
      const response = await http().patch(`/runs/${run.id}`).send({ status: 'done' }).expect(400);
      expect(errorOf(response).issues![0]!.path).toBe('status');
      expect((await stateOf(run.id)).run.status).toBe('queued');
    });
  });

  describe('lost runs', () => {
    it('shows a running run silent for longer than ATELIER_RUN_LOST_AFTER_SECONDS as lost, everywhere, until it logs again', async () => {
      const run = await createRun({ experiment: 'lost-and-found' });
      await http()
        .post(`/runs/${run.id}/log`)
        .send({ metrics: [{ key: 'loss', value: 1, step: 0 }] })
        .expect(200);
      const queued = await createRun({ experiment: 'lost-and-found' });
      const silentSince = new Date(Date.now() - (t.config.ATELIER_RUN_LOST_AFTER_SECONDS + 5) * 1000);
      await t.prisma.run.updateMany({ where: { id: { in: [run.id, queued.id] } }, data: { lastSeenAt: silentSince } });

      expect(((await http().get(`/runs/${run.id}`).expect(200)).body as TRunDetail).status).toBe('lost');
      // a queued run never started, so it is not lost
      expect(((await http().get(`/runs/${queued.id}`).expect(200)).body as TRunDetail).status).toBe('queued');
      const list = await http().get('/runs').query({ experiment: 'lost-and-found', filter: "attributes.status = 'lost'" }).expect(200);
      expect((list.body as TRunList).items.map((item) => [item.id, item.status])).toEqual([[run.id, 'lost']]);
      expect((await t.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('running');

      await http()
        .post(`/runs/${run.id}/log`)
        .send({ metrics: [{ key: 'loss', value: 0.5, step: 1 }] })
        .expect(200);
      expect(((await http().get(`/runs/${run.id}`).expect(200)).body as TRunDetail).status).toBe('running');
    });
  });

  it('documents every runs route in the OpenAPI document, from the shared schemas', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/runs'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual(
      expect.arrayContaining([
        'GET /runs',
        'GET /runs/{id}',
        'GET /runs/{id}/events',
        'GET /runs/{id}/metrics',
        'PATCH /runs/{id}',
        'POST /runs',
        'POST /runs/{id}/log',
      ]),
    );
    const log = document.paths['/runs/{id}/log']!.post!;
    expect(log.requestBody.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/LogRequestInput' });
    expect(Object.keys(log.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '503']);
    const filter = document.paths['/runs']!.get!.parameters.find((p) => p.name === 'filter')!;
    expect(filter.description ?? filter.schema.description).toMatch(/params\.optimizer = 'adam'/);
  });

  describe('GET /runs/:id and /metrics', () => {
    it('404 for unknown runs', async () => {
      await http().get(`/runs/${MISSING}`).expect(404);
      await http().get(`/runs/${MISSING}/metrics`).expect(404);
      await http().get('/runs/not-a-uuid').expect(400);
    });

    it('downsamples a long series keeping its first, last, minimum and maximum points', async () => {
      const run = await createRun({ experiment: 'downsampling' });
      const value = (step: number) => (step === 1234 ? 50 : step === 2345 ? -50 : Math.sin(step / 100));
      for (let start = 0; start < 3000; start += 1000) {
        const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'loss', value: value(start + i), step: start + i }));
        if (start === 2000) metrics[500] = { key: 'loss', value: 'NaN' as unknown as number, step: 2500 };
        await http().post(`/runs/${run.id}/log`).send({ metrics }).expect(200);
      }
      const response = ZRunMetrics.parse((await http().get(`/runs/${run.id}/metrics?points=200`).expect(200)).body);
      const [series] = response.series;
      expect(series).toMatchObject({ key: 'loss', fold: null, count: 3000, downsampled: true });
      const steps = series!.points.map((p) => p.step);
      expect(steps.length).toBeLessThanOrEqual(200);
      expect(steps.length).toBeGreaterThan(100);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      expect(steps[0]).toBe(0);
      expect(steps.at(-1)).toBe(2999);
      const values = new Map(series!.points.map((p) => [p.step, p.value]));
      expect(values.get(1234)).toBe(50);
      expect(values.get(2345)).toBe(-50);
      // every bucket keeps its extremes: the curve's range is the series' range
      const numeric = series!.points.map((p) => p.value).filter((v): v is number => typeof v === 'number');
      expect(Math.max(...numeric)).toBe(50);
      expect(Math.min(...numeric)).toBe(-50);

      const full = ZRunMetrics.parse((await http().get(`/runs/${run.id}/metrics`).expect(200)).body);
      expect(full.series[0]).toMatchObject({ count: 3000, downsampled: false });
      expect(full.series[0]!.points).toHaveLength(3000);
      expect(full.series[0]!.points[2500]!.value).toBe('NaN');
      await http().get(`/runs/${run.id}/metrics?points=5`).expect(400);
    });
  });
});
