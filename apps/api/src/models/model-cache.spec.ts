import { type LoadedModel, ModelCache } from './model-cache';

function fakeModel(name: string, disposed: string[]): LoadedModel {
  return { model: { dispose: () => disposed.push(name) }, card: {} } as unknown as LoadedModel;
}

describe('ModelCache', () => {
  it('keeps the most recently used models and disposes the evicted one', async () => {
    const disposed: string[] = [];
    const cache = new ModelCache();
    cache.capacity = 2;
    const use = (key: string) =>
      cache.with(
        key,
        () => Promise.resolve(fakeModel(key, disposed)),
        () => Promise.resolve(key),
      );
    await use('a');
    await use('b');
    await use('a'); // a is now the most recent
    await use('c');
    await new Promise((resolve) => setImmediate(resolve));
    expect(cache.keys()).toEqual(['a', 'c']);
    expect(disposed).toEqual(['b']);
  });

  it('waits for a running prediction before disposing an evicted model', async () => {
    const disposed: string[] = [];
    const cache = new ModelCache();
    cache.capacity = 1;
    let release!: () => void;
    const running = cache.with(
      'a',
      () => Promise.resolve(fakeModel('a', disposed)),
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    await cache.with(
      'b',
      () => Promise.resolve(fakeModel('b', disposed)),
      () => Promise.resolve(undefined),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(disposed).toEqual([]);
    release();
    await running;
    await new Promise((resolve) => setImmediate(resolve));
    expect(disposed).toEqual(['a']);
  });

  it('loads once for concurrent first requests and forgets a failed load', async () => {
    const cache = new ModelCache();
    let loads = 0;
    const load = () => {
      loads += 1;
      return Promise.resolve(fakeModel('a', []));
    };
    await Promise.all([cache.with('a', load, () => Promise.resolve(1)), cache.with('a', load, () => Promise.resolve(2))]);
    expect(loads).toBe(1);
    await expect(
      cache.with(
        'x',
        () => Promise.reject(new Error('broken zip')),
        () => Promise.resolve(1),
      ),
    ).rejects.toThrow('broken zip');
    expect(cache.keys()).toEqual(['a']);
  });
});
