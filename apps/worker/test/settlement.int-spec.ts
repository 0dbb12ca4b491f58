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
    await h.prisma.run.update({ where: { id: first!.id }, data: { status: 'completed', meanValAccuracy: 0.7, stdValAccuracy: 0, finishedAt: new Date() } });
    await h.prisma.foldRun.update({ where: { id: first!.folds[0]!.id }, data: { status: 'completed', valAccuracy: 0.7, valLoss: 0.9, epochsCompleted: 1 } });
    await h.prisma.run.update({ where: { id: second!.id }, data: { status: 'running' } });
    await h.prisma.foldRun.update({ where: { id: second!.folds[0]!.id }, data: { status: 'completed', valAccuracy: 0.9, valLoss: 0.4, epochsCompleted: 1 } });
    const refitTrial = refitOf === 1 ? first! : second!;
    await h.prisma.experiment.update({ where: { id: seeded.experimentId }, data: { status: 'running', refitStatus: 'completed', refitTrialId: refitTrial.id } });
    await settleAfterFold(h.prisma, { experimentId: seeded.experimentId, trialId: second!.id });
    return { seeded, first: first!, second: second! };
  }

  it('refits the final best when it is another trial than the one refit while paused', async () => {
    const { seeded, second } = await finishedSearch(1);
    const experiment = await h.prisma.experiment.findUniqueOrThrow({ where: { id: seeded.experimentId } });
    expect([experiment.status, experiment.bestTrialId, experiment.refitStatus, experiment.refitTrialId]).toEqual(['completed', second.id, 'queued', second.id]);
    expect((await pendingJobs(h.prisma, seeded.experimentId)).refitTrialId).toBe(second.id);
  });

  it('does not refit again when the trial refit while paused stayed the best', async () => {
    const { seeded, second } = await finishedSearch(2);
    const experiment = await h.prisma.experiment.findUniqueOrThrow({ where: { id: seeded.experimentId } });
    expect([experiment.status, experiment.refitStatus, experiment.refitTrialId]).toEqual(['completed', 'completed', second.id]);
    expect((await pendingJobs(h.prisma, seeded.experimentId)).refitTrialId).toBeNull();
  });
});
