import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { readModelZip } from '@atelier/ml/io/model-export';

/** A model read from its export zip, with its card (the API does not depend on TF.js directly). */
export type LoadedModel = Awaited<ReturnType<typeof readModelZip>>;

/** Loaded models kept per API process; each holds its weights in TF.js memory. */
export const MODEL_CACHE_SIZE = 4;

interface Entry {
  loading: Promise<LoadedModel>;
  /** Predictions running with this model right now. */
  users: number;
  evicted: boolean;
}

/**
 * A small LRU of loaded models by artifact id: predicting again with the same model skips the
 * unzip and the weight upload. An evicted model is disposed (its tensors freed) once no
 * prediction is using it. Concurrent first requests for one model share a single load.
 */
@Injectable()
export class ModelCache implements OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  capacity = MODEL_CACHE_SIZE;

  /** Runs `use` with the model, loading it first when it is not cached. */
  async with<T>(key: string, load: () => Promise<LoadedModel>, use: (loaded: LoadedModel) => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, entry);
    } else {
      entry = { loading: load(), users: 0, evicted: false };
      this.entries.set(key, entry);
      const created = entry;
      created.loading.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
      this.evict();
    }
    entry.users += 1;
    try {
      return await use(await entry.loading);
    } finally {
      entry.users -= 1;
      if (entry.evicted && entry.users === 0) this.dispose(entry);
    }
  }

  /** Drops a model that no longer exists (purged): disposed now, or when its last prediction ends. */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    entry.evicted = true;
    if (entry.users === 0) this.dispose(entry);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      entry.evicted = true;
      if (entry.users === 0) this.dispose(entry);
    }
  }

  private dispose(entry: Entry): void {
    entry.loading.then(({ model }) => model.dispose()).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    for (const entry of this.entries.values()) this.dispose(entry);
    this.entries.clear();
  }
}
