import { ImportSlots, TooManyImportsException } from './import-slots';

describe('ImportSlots', () => {
  it('admits up to the limit, refuses the next with a 429 and a retry hint, and frees a slot once per release', () => {
    const slots = new ImportSlots({ ATELIER_MAX_CONCURRENT_IMPORTS: 2 });
    const first = slots.acquire();
    const second = slots.acquire();
    const refused = (() => {
      try {
        slots.acquire();
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(TooManyImportsException);
    const exception = refused as TooManyImportsException;
    expect(exception.getStatus()).toBe(429);
    expect(exception.retryAfterSeconds).toBe(5);
    expect(exception.message).toBe(
      '2 imports are already running on this server (ATELIER_MAX_CONCURRENT_IMPORTS=2): nothing was uploaded or stored; send it again in 5 s.',
    );
    first();
    first();
    expect(slots.inProgress).toBe(1);
    const third = slots.acquire();
    expect(slots.inProgress).toBe(2);
    second();
    third();
    expect(slots.inProgress).toBe(0);
  });
});
