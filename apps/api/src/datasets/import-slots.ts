import { Inject, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { CONFIG } from '../infra/tokens';

/** What a refused import is told to wait: a small import takes about a second, Fashion-MNIST's train CSV a few. */
export const IMPORT_RETRY_AFTER_SECONDS = 5;

/** The 429 of an import beyond ATELIER_MAX_CONCURRENT_IMPORTS; the caller sets Retry-After from `retryAfterSeconds`. */
export class TooManyImportsException extends ApiException {
  readonly retryAfterSeconds = IMPORT_RETRY_AFTER_SECONDS;

  constructor(limit: number) {
    super(
      429,
      'too_many_imports',
      `${limit === 1 ? 'An import is' : `${limit} imports are`} already running on this server (ATELIER_MAX_CONCURRENT_IMPORTS=${limit}): ` +
        `nothing was uploaded or stored; send it again in ${IMPORT_RETRY_AFTER_SECONDS} s.`,
    );
  }
}

/**
 * Counts the imports in progress in this API process. An import holds its upload on disk and
 * its pixels in memory for seconds; bounding how many run at once bounds the memory, whatever
 * the clients do. Taken before the upload is read, so a refused request costs nothing.
 */
@Injectable()
export class ImportSlots {
  private running = 0;

  constructor(@Inject(CONFIG) private readonly config: Pick<TApiConfig, 'ATELIER_MAX_CONCURRENT_IMPORTS'>) {}

  /** Takes a slot or throws the 429; the returned release is safe to call more than once. */
  acquire(): () => void {
    const limit = this.config.ATELIER_MAX_CONCURRENT_IMPORTS;
    if (this.running >= limit) throw new TooManyImportsException(limit);
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
    };
  }

  get inProgress(): number {
    return this.running;
  }
}
