import { createBackgroundCheck, createCachedCheck, createThrottle } from './throttle';

describe('createThrottle', () => {
  it('lets through at most one call per interval', () => {
    let t = 0;
    const allow = createThrottle(500, () => t);
    const allowed: number[] = [];
    // a batch every 50 ms for 2 s
    for (t = 0; t <= 2000; t += 50) if (allow()) allowed.push(t);
    expect(allowed).toEqual([0, 500, 1000, 1500, 2000]);
  });
});

describe('createCachedCheck', () => {
  it('calls the check at most once per max age and keeps a true answer', async () => {
    let t = 0;
    let calls = 0;
    let answer = false;
    const check = createCachedCheck(
      () => {
        calls++;
        return Promise.resolve(answer);
      },
      250,
      () => t,
    );
    expect(await check()).toBe(false);
    t = 100;
    expect(await check()).toBe(false);
    expect(calls).toBe(1);
    answer = true;
    t = 200;
    expect(await check()).toBe(false); // still cached
    t = 300;
    expect(await check()).toBe(true);
    expect(calls).toBe(2);
    answer = false;
    t = 1000;
    expect(await check()).toBe(true);
    expect(calls).toBe(2);
  });

  it('shares one in-flight check between concurrent callers', async () => {
    let calls = 0;
    const check = createCachedCheck(() => {
      calls++;
      return Promise.resolve(false);
    }, 250);
    await Promise.all([check(), check(), check()]);
    expect(calls).toBe(1);
  });
});

describe('createBackgroundCheck', () => {
  it('answers at once with the last result, checks in the background at most once per max age, and keeps a true answer', async () => {
    let t = 0;
    let calls = 0;
    let answer = false;
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const check = createBackgroundCheck(
      () => {
        calls++;
        return Promise.resolve(answer);
      },
      250,
      { now: () => t },
    );
    answer = true;
    expect(check()).toBe(false); // the first check is under way, its answer not in yet
    expect(check()).toBe(false); // one check at a time
    expect(calls).toBe(1);
    await settle();
    expect(check()).toBe(true);
    answer = false;
    t = 1000;
    expect(check()).toBe(true);
    expect(calls).toBe(1);
  });

  it('keeps the last answer when a check fails, and tries again after the interval', async () => {
    let t = 0;
    let calls = 0;
    const errors: unknown[] = [];
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const check = createBackgroundCheck(
      () => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('redis away')) : Promise.resolve(true);
      },
      250,
      { now: () => t, onError: (error) => errors.push(error) },
    );
    expect(check()).toBe(false);
    await settle();
    expect(errors).toHaveLength(1);
    t = 100;
    expect(check()).toBe(false);
    expect(calls).toBe(1);
    t = 300;
    check();
    await settle();
    expect(check()).toBe(true);
    expect(calls).toBe(2);
  });
});
