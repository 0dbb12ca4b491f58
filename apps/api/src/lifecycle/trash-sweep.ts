import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LifecycleService } from './lifecycle.service';

/** How often the API purges what outlived ATELIER_TRASH_RETENTION_DAYS (retention is in days: hourly is prompt enough). */
export const TRASH_SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The trash's retention: an interval in the API rather than a BullMQ job in the worker, because a
 * purge removes the artifact store's files, which the API owns (ArtifactStore), and the API must
 * run for anything to be trashed at all. One sweep at start-up, then hourly; every instance
 * sweeps, and a purge that loses the race to another finds no row and is skipped.
 */
@Injectable()
export class TrashSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TrashSweep');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly lifecycle: LifecycleService) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), TRASH_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running = this.lifecycle
      .sweep()
      .catch((error: unknown) => this.logger.warn(`trash sweep failed: ${(error as Error).message}; retrying in an hour`));
  }
}
