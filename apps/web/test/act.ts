import { act } from '@testing-library/react';

/**
 * act() around a synchronous step (a click, a streamed event) whose effects start promises, such as a
 * mocked API call: only an async callback makes act() wait for them and flush the renders they cause.
 */
export async function actAsync(step: () => unknown): Promise<void> {
  await act(async () => {
    step();
    await Promise.resolve();
  });
}
