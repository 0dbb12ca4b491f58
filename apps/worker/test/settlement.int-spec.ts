import { pendingJobs, settleAfterFold } from '../src/training/settlement';
import { createHarness, seedExperiment, type Harness } from './support';

/** Settling a search whose best trial so far was refit while it was paused (POST /experiments/:id/refit), then resumed. */
describe('settlement after a refit of the best so far (Postgres)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness('settle');
  });
  afterAll(async () => {
    await h.teardown();
  });

  async function finishedSearch(refitOf: 1 | 2) {
    const seeded = await seedExperiment(h.prisma, {
      trials: [
        { learningRate: 0.01, epochs: 1 },
        { learningRate: 0.001, epochs: 1 },
      ],
      validation: { kind: 'holdout', fraction: 0.2 },
      trainingSlice: 300,
    });
    const [first, second] = seeded.trials;
    // trial 1 finished before the pause and was refit then; trial 2's fold finishes now, better
    await h.prisma.run.update({
      where: { id: first!.id },
      data: { status: 'completed', meanValAccuracy: 0.7, stdValAccuracy: 0, finishedAt: new Date() },
    });
    await h.prisma.foldRun.update({
      where: { id: first!.folds[0]!.id },
      data: { status: 'completed', valAccuracy: 0.7, valLoss: 0.9, epochsCompleted: 1 },
    });
    await h.prisma.run.update({ where: { id: second!.id }, data: { status: 'running' } });
    await h.prisma.foldRun.update({
      where: { id: second!.folds[0]!.id },
      data: { status: 'completed', valAccuracy: 0.9, valLoss: 0.4, epochsCompleted: 1 },
    });
    const refitTrial = refitOf === 1 ? first! : second!;
    await h.prisma.experiment.update({
      where: { id: seeded.experimentId },
      data: { status: 'running', refitStatus: 'completed', refitTrialId: refitTrial.id },
    });
    await settleAfterFold(h.prisma, { experimentId: seeded.experimentId, trialId: second!.id });
    return { seeded, first: first!, second: second! };
  }

  it('refits the final best when it is another trial than the one refit while paused', async () => {
    const { seeded, second } = await finishedSearch(1);
    const experiment = await h.prisma.experiment.findUniqueOrThrow({ where: { id: seeded.experimentId } });
    expect([experiment.status, experiment.bestTrialId, experiment.refitStatus, experiment.refitTrialId]).toEqual([
      'completed',
      second.id,
      'queued',
      second.id,
    ]);
    expect((await pendingJobs(h.prisma, seeded.experimentId)).refitTrialId).toBe(second.id);
  });

  it('does not refit again when the trial refit while paused stayed the best', async () => {
    const { seeded, second } = await finishedSearch(2);
    const experiment = await h.prisma.experiment.findUniqueOrThrow({ where: { id: seeded.experimentId } });
    expect([experiment.status, experiment.refitStatus, experiment.refitTrialId]).toEqual(['completed', 'completed', second.id]);
    expect((await pendingJobs(h.prisma, seeded.experimentId)).refitTrialId).toBeNull();
  });
});

/** The recorded best trial of an ASHA search (rungs of 1, 3 and 9 epochs) while it runs: the rule the page and the refit use. */
describe('the best trial so far, recorded at every settle (Postgres)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness('settle-best');
  });
  afterAll(async () => {
    await h.teardown();
  });

  it('follows the highest rung scored, and moves on when the best fails', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [
        { learningRate: 0.01, epochs: 1 },
        { learningRate: 0.001, epochs: 1 },
        { learningRate: 0.0001, epochs: 1 },
      ],
      validation: { kind: 'holdout', fraction: 0.2 },
      trainingSlice: 300,
    });
    const { experimentId } = seeded;
    const [t1, t2] = seeded.trials;
    await h.prisma.experiment.update({
      where: { id: experimentId },
      data: {
        status: 'running',
        strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
        space: {
          architecture: ['tiny'],
          batchSize: [32],
          activation: ['relu'],
          optimizer: ['adam'],
          learningRate: [0.01, 0.001, 0.0001],
          momentum: [0],
        },
      },
    });
    await h.prisma.run.updateMany({ where: { experimentId }, data: { rung: 0 } });
    const finishFold = async (trial: typeof t1, rung: number, valAccuracy: number) => {
      await h.prisma.run.update({ where: { id: trial!.id }, data: { status: 'running', rung } });
      await h.prisma.foldRun.update({
        where: { id: trial!.folds[0]!.id },
        data: { status: 'completed', rung, valAccuracy, valLoss: 0.5, epochsCompleted: [1, 3, 9][rung]! },
      });
      await settleAfterFold(h.prisma, { experimentId, trialId: trial!.id });
    };
    const recordedBest = async () => (await h.prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } })).bestTrialId;

    await finishFold(t1, 0, 0.8);
    expect(await recordedBest()).toBe(t1!.id);
    await finishFold(t2, 0, 0.86);
    expect(await recordedBest()).toBe(t2!.id);
    // trial 1 scores lower after 3 epochs than trial 2 after 1: the higher rung wins
    await finishFold(t1, 1, 0.75);
    expect(await h.prisma.run.findUniqueOrThrow({ where: { id: t1!.id } })).toMatchObject({
      status: 'waiting',
      rung: 1,
      meanValAccuracy: 0.75,
    });
    expect(await recordedBest()).toBe(t1!.id);
    // the best fails in its next rung: the next best by the rule takes its place
    await h.prisma.run.update({ where: { id: t1!.id }, data: { status: 'running', rung: 2 } });
    await settleAfterFold(h.prisma, { experimentId, trialId: t1!.id, failTrial: 'fold 0: out of memory' });
    expect(await recordedBest()).toBe(t2!.id);
    expect((await h.prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } })).status).toBe('running');
  });

  it('pauses a paused search’s trial when its last running fold completes while the others wait paused', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [{ learningRate: 0.01, epochs: 1 }],
      validation: { kind: 'kfold', folds: 2 },
      trainingSlice: 300,
    });
    const trial = seeded.trials[0]!;
    await h.prisma.experiment.update({ where: { id: seeded.experimentId }, data: { status: 'paused' } });
    // the pause left the trial running (fold 0 was training) and held fold 1; fold 0 then completed
    await h.prisma.run.update({ where: { id: trial.id }, data: { status: 'running' } });
    await h.prisma.foldRun.update({
      where: { id: trial.folds[0]!.id },
      data: { status: 'completed', valAccuracy: 0.8, valLoss: 0.5, epochsCompleted: 1 },
    });
    await h.prisma.foldRun.update({ where: { id: trial.folds[1]!.id }, data: { status: 'paused' } });
    const events = await settleAfterFold(h.prisma, { experimentId: seeded.experimentId, trialId: trial.id });
    expect((await h.prisma.run.findUniqueOrThrow({ where: { id: trial.id } })).status).toBe('paused');
    expect(events).toContainEqual(expect.objectContaining({ type: 'trial', trialId: trial.id, status: 'paused' }));
  });
});
