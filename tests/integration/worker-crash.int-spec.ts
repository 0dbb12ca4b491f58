import type { PrismaClient } from '@atelier/db/client';
import type { TCreateExperimentRequest, TProgressEvent } from '@atelier/domain';
import { type ManagedProcess, type Stack, startStack, waitFor } from '../harness/stack';
import {
  collectEvents,
  createExperiment,
  epochRowsByFold,
  getExperiment,
  openDatabase,
  range,
  tail,
  waitForExperiment,
} from '../harness/search';

// A worker process killed with SIGKILL in the middle of a fold (the parent and its sandboxed
// training children, as an OOM kill or a lost machine would) leaves a job whose lock nobody
// renews. A new worker recovers it as stalled and the search completes with exactly one set of
// epoch rows per fold. The worker runs with its default lock and stall timings: what a user gets.
// Issue 18 asks for the retry within 15 s (it took about 70 s with BullMQ's 30 s/60 s settings).

const EPOCHS = 3;
const RETRY_WITHIN_S = 15;

const request: TCreateExperimentRequest = {
  name: 'survives a killed worker',
  dataset: 'fashion-mnist',
  space: {
    architecture: ['cnn-a'],
    batchSize: [64],
    epochs: [EPOCHS],
    activation: ['relu'],
    optimizer: ['adam', 'sgd'],
    learningRate: [0.003],
    momentum: [0.9],
  },
  validation: { kind: 'kfold', folds: 3 },
  trainingSlice: 1500,
  seed: 31,
  priority: 1,
};

/** fold_run.worker_id is `<worker id>/<child pid>`, the worker id defaulting to `<host>-<pid>`. */
const trainedBy = (workerId: string | null, worker: ManagedProcess) => workerId !== null && workerId.includes(`-${worker.child.pid}/`);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a worker killed mid-training', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  beforeAll(async () => {
    stack = await startStack({
      worker: false,
      workerConcurrency: 1,
    });
    prisma = openDatabase(stack);
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  it('is replaced by a new worker that recovers its fold; every fold ends with one set of epoch rows', async () => {
    const first = await stack.startWorker('worker-killed');
    const created = await createExperiment(stack, request);

    // in the middle of a fold: at least one epoch stored, more to come
    const victim = await waitFor(
      async () => {
        const experiment = await getExperiment(stack, created.id);
        return experiment.trials
          .flatMap((t) => t.folds)
          .find((f) => f.status === 'running' && f.epochsCompleted >= 1 && f.epochsCompleted < EPOCHS);
      },
      { timeoutMs: 60_000, what: 'a fold in the middle of its training', describe: tail(stack) },
    );
    // The killed fold comes back one of two ways. The stalled check marks it "worker lost,
    // retrying" and it waits at the front of the queue (a 'queued' event), or a slot that came
    // free had already started it again when the check's mark came, and the mark leaves that
    // retry alone (a 'running' event). A poll of the API can miss either one, so the test
    // waits for the stream's first event for the fold after the kill.
    const { trialId: victimTrialId } = await prisma.foldRun.findUniqueOrThrow({ where: { id: victim.id } });
    const stream = new AbortController();
    const isVictimBack = (e: TProgressEvent) =>
      e.type === 'fold' && e.trialId === victimTrialId && e.fold === victim.fold && (e.status === 'queued' || e.status === 'running');
    const victimBack = collectEvents(stack, created.id, (events) => events.some(isVictimBack), stream.signal).then((events) => ({
      at: Date.now(),
      event: events.find(isVictimBack),
    }));
    // the whole process group: the worker and its sandboxed training children
    process.kill(-first.child.pid!, 'SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const killedAt = Date.now();
    const before = await prisma.foldRun.findUniqueOrThrow({ where: { id: victim.id } });
    expect(before.status).toBe('running');
    expect(before.attempts).toBe(1);
    expect(trainedBy(before.workerId, first)).toBe(true);
    // the training child went down with its parent
    const childPid = Number(before.workerId!.split('/')[1]);
    await waitFor(() => Promise.resolve(isAlive(childPid) ? undefined : true), {
      timeoutMs: 5_000,
      what: `training child ${childPid} to be gone`,
    });

    const second = await stack.startWorker('worker-replacement');
    // Within 15 s the killed fold is back: marked and queued, or already training again
    const back = await Promise.race([
      victimBack,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the killed fold did not come back within 60 s\n${tail(stack)()}`)), 60_000),
      ),
    ]).finally(() => stream.abort());
    const lostAt = back.at;
    const recoverySeconds = (lostAt - killedAt) / 1000;
    console.log(`killed fold back after ${recoverySeconds.toFixed(1)} s (${back.event?.type === 'fold' ? back.event.status : '?'})`);
    expect(recoverySeconds).toBeLessThan(RETRY_WITHIN_S);

    const done = await waitForExperiment(stack, created.id, { timeoutMs: 120_000 });
    expect(done.status).toBe('completed');
    const folds = await prisma.foldRun.findMany({ where: { trial: { experimentId: created.id } } });
    const rows = await epochRowsByFold(prisma, created.id);
    expect(folds).toHaveLength(6);
    for (const fold of folds) {
      expect(fold.status).toBe('completed');
      expect(fold.epochsCompleted).toBe(EPOCHS);
      expect((rows.get(fold.id) ?? []).map((r) => r.epoch)).toEqual(range(EPOCHS));
      // the killed fold ran twice (the second run from epoch 1); every other fold once
      expect(fold.attempts).toBe(fold.id === victim.id ? 2 : 1);
    }
    const recovered = folds.find((f) => f.id === victim.id)!;
    expect(trainedBy(recovered.workerId, second)).toBe(true);
    // its rows were all written by the second run
    for (const row of rows.get(victim.id)!) expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(killedAt);
    for (const trial of done.trials) expect(trial.status).toBe('completed');
  });
});
