import { access } from 'node:fs/promises';
import path from 'node:path';

/** The four official gzip IDX files of an MNIST-style dataset. */
export const IDX_FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Whether all four files of a builtin dataset are present in `<dir>/<key>/` for one of the
 * directories, in order. The API only reports availability; the worker reads the files.
 */
export async function builtinDatasetAvailable(key: string, dirs: readonly string[]): Promise<boolean> {
  for (const dir of dirs) {
    const found = await Promise.all(IDX_FILES.map((file) => exists(path.join(dir, key, file))));
    if (found.every(Boolean)) return true;
  }
  return false;
}
