import { ZCreateExperimentRequest, ZExperimentListQuery } from '@atelier/domain';
import { ApiException } from './api-exception';
import { type RouteContract, validatePart } from './contract';
import { ZFoldParams } from './schemas';
import { summarizeIssues } from './zod-issues';

const contract: RouteContract = {
  summary: 'test',
  body: ZCreateExperimentRequest,
  query: ZExperimentListQuery,
  params: ZFoldParams,
  responses: {},
};

function thrown(fn: () => unknown): { status: number; body: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    return { status: (error as ApiException).getStatus(), body: (error as ApiException).getResponse() as Record<string, unknown> };
  }
  throw new Error('expected a validation error');
}

describe('validatePart', () => {
  it('returns the parsed value with defaults and coercions applied', () => {
    expect(validatePart(contract, 'query', { limit: '5' })).toEqual({ limit: 5, offset: 0, sort: 'createdAt' });
    expect(validatePart(contract, 'params', { id: '6f1c2a4e-6a7b-4c1d-9e8f-0a1b2c3d4e5f', fold: '2' })).toEqual({
      id: '6f1c2a4e-6a7b-4c1d-9e8f-0a1b2c3d4e5f',
      fold: 2,
    });
  });

  it('rejects with 400, a message naming each field, and the issues', () => {
    const { status, body } = thrown(() => validatePart(contract, 'query', { limit: '0', status: 'sleeping' }));
    expect(status).toBe(400);
    expect(body.error).toBe('validation_failed');
    expect(body.message).toMatch(/^Invalid query parameter: limit: .*; status\[0\]: status must be one of: queued, running/);
    expect((body.issues as { path: string }[]).map((i) => i.path)).toEqual(['limit', 'status[0]']);
  });

  it('uses the shared schema messages for the body, with JSON paths', () => {
    const { body } = thrown(() =>
      validatePart(contract, 'body', {
        name: 'x',
        dataset: 'mnist',
        space: {
          architecture: ['cnn-a'],
          batchSize: [0],
          epochs: [1],
          activation: ['relu'],
          optimizer: ['sgd'],
          learningRate: [-1],
          momentum: [1],
        },
      }),
    );
    expect(body.message).toBe(
      'Invalid request: space.batchSize[0]: batch size must be positive; space.learningRate[0]: learning rate must be positive; space.momentum[0]: momentum must be in [0, 1)',
    );
  });

  it('treats a missing body as an empty object (so the message lists the required fields)', () => {
    const { body } = thrown(() => validatePart(contract, 'body', undefined));
    expect((body.issues as { path: string }[]).map((i) => i.path)).toEqual(expect.arrayContaining(['name', 'dataset', 'space']));
  });

  it('refuses a route without a schema for the part it reads (a programming error)', () => {
    expect(() => validatePart({ summary: 'x', responses: {} }, 'body', {})).toThrow(/declare it in @Contract/);
  });
});

describe('summarizeIssues', () => {
  it('keeps a single message verbatim and joins several', () => {
    expect(summarizeIssues([{ path: '', message: 'Unknown dataset.' }])).toBe('Unknown dataset.');
    expect(
      summarizeIssues([
        { path: 'a', message: 'one.' },
        { path: '', message: 'two' },
      ]),
    ).toBe('a: one; two');
  });
});
