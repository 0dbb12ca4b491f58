// Entry point of each sandboxed child process (BullMQ forks it; see worker.ts). One child runs
// one fold at a time, keeps TensorFlow.js, the datasets and its connections between jobs.
import type { SandboxedJob } from 'bullmq';
import { loadConfigOrExit } from './config';
import { createWorkerContext, type WorkerContext } from './infra/context';
import { processJob, toJobHandle } from './jobs/process-job';
import { buildJobRegistry, JOB_DEFINITIONS } from './jobs/registry';

let context: WorkerContext | null = null;
const registry = buildJobRegistry(JOB_DEFINITIONS);

// Ctrl-C reaches the whole process group, children included. BullMQ's child wrapper then waits
// for the running job before exiting; abort it so the fold stops at its next batch and is
// requeued (the parent sends the same abort through the job's signal when it shuts down).
let shutdown: AbortController | null = null;
const onSignal = () => shutdown?.abort('shutdown');
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
// The parent is gone (crashed, or gave up after its grace period): nobody renews this job's lock
// any more, so training on would only duplicate the work of the worker that recovers the job.
process.on('disconnect', () => process.exit(0));

export default async function sandboxedProcessor(job: SandboxedJob, token?: string, signal?: AbortSignal): Promise<unknown> {
  if (!context) {
    context = createWorkerContext(loadConfigOrExit({ child: true }));
    context.logger.info('training child ready', { pid: process.pid, startupMs: Math.round(process.uptime() * 1000) });
  }
  shutdown = new AbortController();
  const combined = signal ? AbortSignal.any([signal, shutdown.signal]) : shutdown.signal;
  try {
    return await processJob(registry, context, job.name, job.data, toJobHandle(job as never, token, combined));
  } finally {
    shutdown = null;
  }
}
