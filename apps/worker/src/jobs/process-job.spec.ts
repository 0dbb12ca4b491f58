import { JOB_NAMES } from '@atelier/domain';
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { WorkerContext } from '../infra/context';
import type { JobHandle } from './job-definition';
import { processJob, toJobHandle } from './process-job';
import { buildJobRegistry } from './registry';

const handle = {} as JobHandle;
const context = {} as WorkerContext;

describe('processJob', () => {
  const seen: unknown[] = [];
  const registry = buildJobRegistry([
    {
      name: JOB_NAMES.trainFold,
      schema: z.object({ fold: z.number().int().min(0) }),
      handle: (payload) => {
        seen.push(payload);
        return Promise.resolve('done');
      },
    },
    { name: JOB_NAMES.refit, schema: z.object({}), handle: () => Promise.resolve('refit') },
  ]);

  it('validates the payload and hands the parsed value to the handler', async () => {
    await expect(processJob(registry, context, JOB_NAMES.trainFold, { fold: 1, extra: true }, handle)).resolves.toBe('done');
    expect(seen).toEqual([{ fold: 1 }]);
  });

  it('fails an invalid payload without retries, saying which field is wrong', async () => {
    const run = processJob(registry, context, JOB_NAMES.trainFold, { fold: -1 }, handle);
    await expect(run).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(processJob(registry, context, JOB_NAMES.trainFold, { fold: -1 }, handle)).rejects.toThrow(
      /invalid payload for job "train-fold": fold:/,
    );
  });

  it('fails a job nobody handles without retries', async () => {
    await expect(processJob(registry, context, 'evaluate', {}, handle)).rejects.toThrow('no handler for job "evaluate"');
  });
});

describe('toJobHandle', () => {
  const job = (fields: { attemptsMade: number; timestamp?: number; processedOn?: number; delay?: number }) => ({
    id: 'j1',
    attemptsMade: fields.attemptsMade,
    opts: { attempts: 3, delay: fields.delay },
    timestamp: fields.timestamp,
    processedOn: fields.processedOn,
    updateProgress: () => Promise.resolve(),
    moveToWait: () => Promise.resolve(),
  });

  it("reports a first attempt's wait in the queue from when the job was due, and none for a retry", () => {
    expect(toJobHandle(job({ attemptsMade: 0, timestamp: 10_000, processedOn: 12_500 }), 't', undefined).queuedSeconds).toBe(2.5);
    expect(toJobHandle(job({ attemptsMade: 0, timestamp: 10_000, processedOn: 12_500, delay: 2_000 }), 't', undefined).queuedSeconds).toBe(
      0.5,
    );
    expect(toJobHandle(job({ attemptsMade: 1, timestamp: 10_000, processedOn: 60_000 }), 't', undefined).queuedSeconds).toBe(0);
    expect(toJobHandle(job({ attemptsMade: 0 }), 't', undefined).maxAttempts).toBe(3);
  });
});
