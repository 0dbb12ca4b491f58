import { JOB_NAMES } from '@atelier/domain';
import { z } from 'zod';
import type { JobDefinition } from './job-definition';
import { buildJobRegistry, JOB_DEFINITIONS } from './registry';

const fake = (name: string): JobDefinition<unknown> => ({
  name: name as never,
  schema: z.unknown(),
  handle: () => Promise.resolve(undefined),
});

describe('buildJobRegistry', () => {
  it('maps each expected job to its handler', () => {
    const a = fake('a');
    const b = fake('b');
    const registry = buildJobRegistry([a, b], ['a', 'b']);
    expect(registry.get('a' as never)).toBe(a);
    expect(registry.get('b' as never)).toBe(b);
  });

  it('refuses a job kind without a handler', () => {
    expect(() => buildJobRegistry([fake('a')], ['a', 'b'])).toThrow('job "b" has no handler');
  });

  it('refuses a job kind with two handlers', () => {
    expect(() => buildJobRegistry([fake('a'), fake('a')], ['a'])).toThrow('job "a" has 2 handlers');
  });

  it('refuses a handler for a job kind that does not exist', () => {
    expect(() => buildJobRegistry([fake('a'), fake('z')], ['a'])).toThrow('handler for unknown job "z"');
  });

  it('covers every job kind in JOB_NAMES with the real definitions', () => {
    const registry = buildJobRegistry(JOB_DEFINITIONS);
    expect([...registry.keys()].sort()).toEqual(Object.values(JOB_NAMES).sort());
  });
});
