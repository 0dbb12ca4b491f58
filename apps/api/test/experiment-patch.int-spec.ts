import {
  RUN_LIMITS,
  SEARCH_NAME_MAX_LENGTH,
  ZExperimentDetail,
  ZRunDetail,
  ZTrackedExperimentDetail,
  type TRunDetail,
  type TExperimentList,
} from '@atelier/domain';
import { startTestApp, type TestApp, errorOf, minimalSearch } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';

const SEARCH = minimalSearch({
  name: 'a search to edit',
  dataset: 'fashion-mnist',
  space: { architecture: ['mlp'], momentum: [0.9] },
  validation: { kind: 'holdout', fraction: 0.2 },
  trainingSlice: 1000,
});

/** PATCH /experiments/:id: name, description, notes and tags of searches and tracked experiments, all or nothing. */
describe('PATCH /experiments/:id (PostgreSQL + Redis)', () => {
  let t: TestApp;
  const http = () => t.api;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  async function createRun(experiment: string, tags?: Record<string, string>): Promise<TRunDetail> {
    const response = await http().post('/runs').send({ experiment, tags });
    expect([response.status, errorOf(response).message]).toEqual([201, undefined]);
    return ZRunDetail.parse(response.body);
  }

  /** Everything a refused PATCH could have half-written. */
  const stateOf = (id: string) =>
    t.prisma.experiment.findUniqueOrThrow({
      where: { id },
      select: { name: true, description: true, notes: true, tags: true, status: true },
    });

  it('edits a tracked experiment: fields replaced, tags merged (a value sets, null removes, the rest stay)', async () => {
    const run = await createRun('notebook v1');
    const id = run.experimentId;
    await t.prisma.experiment.update({ where: { id }, data: { tags: { team: 'vision', stale: 'yes', owner: 'ada' } } });
    const response = await http()
      .patch(`/experiments/${id}`)
      .send({
        name: '  notebook v2 ',
        description: 'lr sweep from the notebook',
        notes: '# Findings\n\n**adam** wins',
        tags: { stale: null, owner: 'grace', dataset: 'mnist' },
      })
      .expect(200);
    const detail = ZTrackedExperimentDetail.parse(response.body);
    expect(detail).toMatchObject({
      id,
      kind: 'tracked',
      name: 'notebook v2',
      description: 'lr sweep from the notebook',
      notes: '# Findings\n\n**adam** wins',
      tags: { team: 'vision', owner: 'grace', dataset: 'mnist' },
      trialCount: 1,
    });
    expect(await stateOf(id)).toMatchObject({
      name: 'notebook v2',
      notes: '# Findings\n\n**adam** wins',
      tags: { team: 'vision', owner: 'grace', dataset: 'mnist' },
    });
    // GET answers the same; fields left out stay as they are
    expect((await http().get(`/experiments/${id}`).expect(200)).body).toEqual(response.body);
    const again = ZTrackedExperimentDetail.parse(
      (
        await http()
          .patch(`/experiments/${id}`)
          .send({ tags: { team: null } })
          .expect(200)
      ).body,
    );
    expect([again.name, again.notes, again.tags]).toEqual([
      'notebook v2',
      '# Findings\n\n**adam** wins',
      { owner: 'grace', dataset: 'mnist' },
    ]);
    // its runs follow it: they name the experiment by its new name, and POST /runs finds it by that name
    expect(((await http().get(`/runs/${run.id}`).expect(200)).body as TRunDetail).experimentName).toBe('notebook v2');
    expect((await createRun('notebook v2')).experimentId).toBe(id);
    // the old name is free: a run under it starts a new experiment
    expect((await createRun('notebook v1')).experimentId).not.toBe(id);
  });

  it('edits a search the same way, and answers its detail', async () => {
    const created = ZExperimentDetail.parse((await http().post('/experiments').send(SEARCH).expect(201)).body);
    const response = await http()
      .patch(`/experiments/${created.id}`)
      .send({ name: 'a search, renamed', notes: 'keep the **mlp**', tags: { goal: 'baseline' } })
      .expect(200);
    const detail = ZExperimentDetail.parse(response.body);
    expect(detail).toMatchObject({
      id: created.id,
      kind: 'search',
      name: 'a search, renamed',
      notes: 'keep the **mlp**',
      tags: { goal: 'baseline' },
      status: 'queued',
    });
    expect(detail.trials.map((trial) => trial.number)).toEqual([1]);
    // searches may share a name (POST /runs never looks a search up by name for runs), even a tracked experiment's
    await createRun('shared name');
    await http().patch(`/experiments/${created.id}`).send({ name: 'shared name' }).expect(200);
    expect((await stateOf(created.id)).name).toBe('shared name');
    const list = (await http().get('/experiments').query({ q: 'shared name' }).expect(200)).body as TExperimentList;
    expect(list.items.map((item) => item.kind).sort()).toEqual(['search', 'tracked']);
  });

  it('refuses a rename to the name of another tracked experiment with 409, writing nothing', async () => {
    const taken = await createRun('taken name');
    const mine = await createRun('my name');
    await t.prisma.experiment.update({ where: { id: mine.experimentId }, data: { tags: { a: '1' } } });
    const before = await stateOf(mine.experimentId);
    const response = await http()
      .patch(`/experiments/${mine.experimentId}`)
      .send({ name: 'taken name', notes: 'never stored', tags: { b: '2' } })
      .expect(409);
    expect(response.body).toMatchObject({ error: 'conflict' });
    expect(errorOf(response).message).toBe(
      "Another tracked experiment is named 'taken name': POST /runs finds a tracked experiment by its name, so two cannot share one. Choose another name; nothing was stored.",
    );
    expect(await stateOf(mine.experimentId)).toEqual(before);
    expect((await stateOf(taken.experimentId)).name).toBe('taken name');
    // its own name again is no collision
    await http().patch(`/experiments/${mine.experimentId}`).send({ name: 'my name' }).expect(200);
  });

  it('refuses bad input with 400 naming the field, writing nothing', async () => {
    const run = await createRun('refusals');
    const id = run.experimentId;
    await t.prisma.experiment.update({ where: { id }, data: { notes: 'kept', tags: { keep: 'me' } } });
    const before = await stateOf(id);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: '   ', notes: 'x' }, 'name', /^Invalid request: name: must not be empty$/],
      [{ name: 'n'.repeat(RUN_LIMITS.nameLength + 1) }, 'name', /name: must be at most 250 characters/],
      [{ notes: 'x'.repeat(RUN_LIMITS.notesLength + 1) }, 'notes', /notes: must be at most 100000 characters/],
      [{ description: 'd'.repeat(2001) }, 'description', /description: must be at most 2000 characters/],
      [{ tags: { 'bad key!': 'x' } }, 'tags.bad key!', /a key may hold only letters/],
      [{ tags: { team: 7 } }, 'tags.team', /^Invalid request: tags\.team: /],
      [{ tags: { team: 'v'.repeat(RUN_LIMITS.valueLength + 1) } }, 'tags.team', /a tag value must be at most 5000 characters/],
      [{ tags: ['team'] }, 'tags', /^Invalid request: tags: /],
      [{ status: 'completed', notes: 'x' }, '', /status/],
      [{ name: 7 }, 'name', /^Invalid request: name: /],
    ];
    for (const [body, path, message] of cases) {
      const response = await http().patch(`/experiments/${id}`).send(body);
      expect([JSON.stringify(body).slice(0, 60), response.status, errorOf(response).error]).toEqual([
        JSON.stringify(body).slice(0, 60),
        400,
        'validation_failed',
      ]);
      expect(errorOf(response).message).toMatch(message);
      expect(errorOf(response).issues!.map((issue: { path: string }) => issue.path)).toContain(path);
    }
    // more tags than the limit once merged (removing some in the same patch makes room)
    const many = Object.fromEntries(Array.from({ length: RUN_LIMITS.tags }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await http().patch(`/experiments/${id}`).send({ notes: 'never stored', tags: many }).expect(400);
    expect(errorOf(tooMany).message).toBe(
      `Invalid request: tags: an experiment holds at most ${RUN_LIMITS.tags} tags; this would make ${RUN_LIMITS.tags + 1}. Nothing was stored.`,
    );
    expect(errorOf(tooMany).issues).toEqual([
      { path: 'tags', message: `an experiment holds at most ${RUN_LIMITS.tags} tags; this would make ${RUN_LIMITS.tags + 1}` },
    ]);
    expect(await stateOf(id)).toEqual(before);
    await http()
      .patch(`/experiments/${id}`)
      .send({ tags: { ...many, keep: null } })
      .expect(200);
    expect(Object.keys((await stateOf(id)).tags as object)).toHaveLength(RUN_LIMITS.tags);
  });

  it("refuses a search name over the launch form's limit, which a tracked experiment may have", async () => {
    const created = ZExperimentDetail.parse(
      (
        await http()
          .post('/experiments')
          .send({ ...SEARCH, name: 'long-named search' })
          .expect(201)
      ).body,
    );
    const long = 's'.repeat(SEARCH_NAME_MAX_LENGTH + 1);
    const response = await http().patch(`/experiments/${created.id}`).send({ name: long, notes: 'never stored' }).expect(400);
    expect(errorOf(response).message).toBe(
      `Invalid request: name: a search's name must be at most ${SEARCH_NAME_MAX_LENGTH} characters (this one has ${SEARCH_NAME_MAX_LENGTH + 1}). Nothing was stored.`,
    );
    expect(errorOf(response).issues![0]!.path).toBe('name');
    expect(await stateOf(created.id)).toMatchObject({ name: 'long-named search', notes: '' });
    const run = await createRun('short');
    await http().patch(`/experiments/${run.experimentId}`).send({ name: long }).expect(200);
  });

  it('404 for an unknown experiment, 400 for an id that is not one', async () => {
    const missing = await http().patch(`/experiments/${MISSING}`).send({ notes: 'x' }).expect(404);
    expect(errorOf(missing).message).toBe(`Experiment '${MISSING}' not found`);
    await http().patch('/experiments/not-an-id').send({ notes: 'x' }).expect(400);
  });

  it('leaves one tracked experiment per name when renames race runs creating that name', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `contested ${round}`;
      const other = await createRun(`to rename ${round}`);
      const [patch, created] = await Promise.all([
        http().patch(`/experiments/${other.experimentId}`).send({ name }),
        http().post('/runs').send({ experiment: name }),
      ]);
      expect([201]).toContain(created.status);
      expect([200, 409]).toContain(patch.status);
      const holders = await t.prisma.experiment.count({ where: { name, kind: 'tracked' } });
      expect([name, holders]).toEqual([name, 1]);
      // whichever came first, the new run is in the one experiment of that name
      const holder = await t.prisma.experiment.findFirstOrThrow({ where: { name, kind: 'tracked' } });
      expect((created.body as TRunDetail).experimentId).toBe(holder.id);
    }
  });
});
