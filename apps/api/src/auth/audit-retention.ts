import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import type { TApiConfig } from '../config';
import { CONFIG, PRISMA } from '../infra/tokens';

/** Retention is in days: hourly is prompt enough. */
export const AUDIT_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** Rows per DELETE: a year of events on a busy instance goes in short statements, not one long lock. */
const AUDIT_SWEEP_BATCH = 5_000;

/**
 * ATELIER_AUDIT_RETENTION_DAYS: deletes audit events older than the retention, at start-up and
 * then hourly, in batches along the `at` index. Every API instance sweeps; two deleting the same
 * batch at once simply delete fewer rows each.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditRetention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(CONFIG) private readonly config: TApiConfig,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ATELIER_AUDIT_RETENTION_DAYS === 0) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), AUDIT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every event older than the retention; resolves with how many went. */
  async sweep(now = new Date()): Promise<number> {
    const days = this.config.ATELIER_AUDIT_RETENTION_DAYS;
    if (days === 0) return 0;
    const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
    let deleted = 0;
    for (;;) {
      const batch = await this.prisma.$executeRaw`
        DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event WHERE at < ${cutoff} LIMIT ${AUDIT_SWEEP_BATCH})`;
      deleted += batch;
      if (batch < AUDIT_SWEEP_BATCH) return deleted;
    }
  }

  private tick(): void {
    this.running = this.sweep()
      .then((deleted) => {
        if (deleted > 0) this.logger.log(`deleted ${deleted} audit events older than ${this.config.ATELIER_AUDIT_RETENTION_DAYS} days`);
      })
      .catch((error: unknown) => this.logger.warn(`audit sweep failed: ${(error as Error).message}; retrying in an hour`));
  }
}
