import { JOB_NAMES } from '@atelier/domain';
import type { PrismaClient } from '@atelier/db/client';
import { WORKER_LOST_DETAIL } from '@atelier/db/run-transitions';
import { createLogger } from './logger';
import { createStalledJobRecorder, type LoadJob } from './stalled-jobs';

const TRIAL = '7d2c6f0e-0a4b-4c1e-9a51-3f1f7c1c2b10';
const EXPERIMENT = '0b8e4d7a-2c55-4e8e-8f6b-9d8b1c0e5a21';
const payload = { experimentId: EXPERIMENT, trialId: TRIAL, trialNumber: 2, fold: 1 };

function setup(options: { moved: number; name?: string }) {
  const updateMany = jest.fn((_args: unknown) => Promise.resolve({ count: options.moved }));
  const prisma = {
    foldRun: { updateMany },
    run: { findUnique: jest.fn(() => Promise.resolve({ experimentId: EXPERIMENT })) },
  } as unknown as PrismaClient;
  const published: unknown[] = [];
  const changePriority = jest.fn((_options: { priority: number; lifo: boolean }) => Promise.resolve());
  const loadJob: LoadJob = () => Promise.resolve({ name: options.name ?? JOB_NAMES.trainFold, data: payload, priority: 7, changePriority });
  const lines: string[] = [];
  const recorder = createStalledJobRecorder({
    prisma,
    progress: { publish: (event) => Promise.resolve(void published.push(event)) },
    logger: createLogger({ level: 'debug', workerId: 'w', write: (line) => lines.push(line) }),
    loadJob,
    marginMs: 2_000,
    now: () => Date.parse('2026-12-07T16:00:10.000Z'),
  });
  return { recorder, updateMany, published, changePriority, lines };
}

describe('createStalledJobRecorder', () => {
  it('queues the running fold again as "worker lost, retrying", moves its job to the front and tells the live view', async () => {
    const { recorder, updateMany, published, changePriority } = setup({ moved: 1 });
    await expect(recorder.record('exp-x-trial-2-fold-1')).resolves.toEqual({ experimentId: EXPERIMENT, trialId: TRIAL, fold: 1 });
    expect(changePriority).toHaveBeenCalledWith({ priority: 7, lifo: true });
    // only a run that started before the stall's margin: a retry that started since is left alone
    expect(updateMany).toHaveBeenCalledWith({
      where: { trialId: TRIAL, fold: 1, status: 'running', startedAt: { lt: new Date('2026-12-07T16:00:08.000Z') } },
      data: { status: 'queued', error: WORKER_LOST_DETAIL },
    });
    expect(WORKER_LOST_DETAIL).toBe('worker lost, retrying');
    expect(published).toEqual([
      { type: 'fold', experimentId: EXPERIMENT, trialId: TRIAL, fold: 1, status: 'queued', valAccuracy: null, backend: null },
    ]);
  });

  it('publishes nothing when the fold was not running any more (already retried, or finished)', async () => {
    const { recorder, published } = setup({ moved: 0 });
    await expect(recorder.record('exp-x-trial-2-fold-1')).resolves.toBeNull();
    expect(published).toEqual([]);
  });

  it('leaves other job kinds alone, and logs rather than throws when the database fails', async () => {
    const refit = setup({ moved: 1, name: JOB_NAMES.refit });
    await expect(refit.recorder.record('refit-x-0')).resolves.toBeNull();
    expect(refit.updateMany).not.toHaveBeenCalled();

    const broken = setup({ moved: 1 });
    broken.updateMany.mockRejectedValueOnce(new Error('connection terminated'));
    await expect(broken.recorder.record('exp-x-trial-2-fold-1')).resolves.toBeNull();
    expect(broken.lines.some((line) => line.includes('could not record a stalled job') && line.includes('connection terminated'))).toBe(
      true,
    );
  });
});
