import { workerQueueName, workerSlots } from './jobs';

describe('the training slots a worker declares in its queue name', () => {
  it('round-trips the concurrency, and counts a worker that did not say as one slot', () => {
    expect(workerQueueName('host-1-4242', 3)).toBe('host-1-4242;slots=3');
    expect(workerSlots(workerQueueName('host-1-4242', 3))).toBe(3);
    expect(workerSlots(workerQueueName('my laptop', 12))).toBe(12);
    expect(workerQueueName('my laptop', 12)).toBe('my-laptop;slots=12');
    expect(workerSlots('legacy-worker')).toBe(1);
    expect(workerSlots(undefined)).toBe(1);
    expect(workerSlots('w;slots=0')).toBe(1);
  });
});
