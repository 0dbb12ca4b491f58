import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import type { TImportance } from '@atelier/domain';
import type { ImportanceOptions, ScoredTrial } from '@atelier/ml/search/importance';
import { parameterImportance } from '@atelier/ml/search/importance';

/**
 * Fits parameter importance (random forests) on a worker thread. A fit over a big search's 10,000
 * best trials takes 1–1.5 s of CPU; on the API's event loop it stalled every other request for
 * that long (bench/ui at 100,000 trials: the first leaderboard after a start took 1.7 s, and the
 * experiment page's next load waited 1.3 s for its first byte behind it). The worker runs the same
 * function of @atelier/ml (its built module, resolved here), so the answer is the same; the event
 * loop only copies the points across. A worker that fails (it cannot start, it dies) is replaced
 * by a fit in-process, so the leaderboard still answers.
 */
@Injectable()
export class ImportanceFitter implements OnModuleDestroy {
  private readonly logger = new Logger(ImportanceFitter.name);
  private worker: Worker | null = null;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (value: TImportance | null) => void; reject: (error: Error) => void }>();

  fit(trials: readonly ScoredTrial[], options: ImportanceOptions): Promise<TImportance | null> {
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (error) {
      this.logger.warn(`importance worker unavailable, fitting in-process: ${(error as Error).message}`);
      return Promise.resolve(parameterImportance(trials, options));
    }
    const id = ++this.next;
    return new Promise<TImportance | null>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, trials, options });
    }).catch((error: unknown) => {
      this.logger.warn(`importance worker failed, fitting in-process: ${(error as Error).message}`);
      return parameterImportance(trials, options);
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const modulePath = require.resolve('@atelier/ml/search/importance');
    const source = `
      const { parentPort } = require('node:worker_threads');
      const { parameterImportance } = require(${JSON.stringify(modulePath)});
      parentPort.on('message', ({ id, trials, options }) => {
        try {
          parentPort.postMessage({ id, result: parameterImportance(trials, options) });
        } catch (error) {
          parentPort.postMessage({ id, error: String(error && error.stack || error) });
        }
      });`;
    const worker = new Worker(source, { eval: true });
    // an idle worker does not keep the process (a test, a shutdown) alive
    worker.unref();
    worker.on('message', ({ id, result, error }: { id: number; result?: TImportance | null; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) waiting?.reject(new Error(error));
      else waiting?.resolve(result ?? null);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the importance worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
