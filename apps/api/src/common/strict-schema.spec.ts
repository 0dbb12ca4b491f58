import { z } from 'zod';
import { ZCreateExperimentRequest, ZExperimentListQuery } from '@atelier/domain';
import { markStrictObjects, strictRequestSchema } from './strict-schema';
import { summarizeIssues, zodIssues } from './zod-issues';

function refusal(schema: z.ZodType, value: unknown): string {
  const result = strictRequestSchema(schema).safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return summarizeIssues(zodIssues(result.error));
}

const EXPERIMENT = {
  name: 'lr sweep',
  dataset: 'fashion-mnist',
  space: {
    architecture: ['mlp'],
    batchSize: [32],
    epochs: [1],
    activation: ['relu'],
    optimizer: ['adam'],
    learningRate: [0.01],
    momentum: [0.9],
  },
};

describe('strictRequestSchema', () => {
  it('accepts what the shared schema accepts, with the same output (defaults applied)', () => {
    expect(strictRequestSchema(ZCreateExperimentRequest).parse(EXPERIMENT)).toEqual(ZCreateExperimentRequest.parse(EXPERIMENT));
  });

  it('refuses an unknown key at any depth, naming it and the key it probably meant', () => {
    expect(refusal(ZCreateExperimentRequest, { ...EXPERIMENT, space: { ...EXPERIMENT.space, learningrate: [0.1] } })).toBe(
      "space: unknown field 'learningrate'; did you mean 'learningRate'?",
    );
    expect(refusal(ZCreateExperimentRequest, { ...EXPERIMENT, augmentation: { randomErasng: null } })).toBe(
      "augmentation: unknown field 'randomErasng'; did you mean 'randomErasing'?",
    );
    expect(refusal(ZCreateExperimentRequest, { ...EXPERIMENT, nmae: 'x' })).toBe("unknown field 'nmae'; did you mean 'name'?");
  });

  it('lists the known fields when nothing is close', () => {
    expect(refusal(z.object({ limit: z.number().optional(), cursor: z.string().optional() }), { zebra: 1 })).toBe(
      "unknown field 'zebra'; known fields: limit, cursor",
    );
  });

  it('reaches into arrays, unions, records, pipes and lazies, and leaves loose objects open', () => {
    const item = z.object({ a: z.number() });
    const schema = z.object({
      list: z.array(item).optional(),
      either: z.union([item, z.string()]).optional(),
      map: z.record(z.string(), item).optional(),
      piped: z.preprocess((v) => v, item).optional(),
      later: z.lazy(() => item).optional(),
      open: z.looseObject({ a: z.number() }).optional(),
    });
    expect(refusal(schema, { list: [{ a: 1, b: 2 }] })).toBe("list[0]: unknown field 'b'; did you mean 'a'?");
    expect(refusal(schema, { map: { x: { a: 1, aa: 2 } } })).toBe("map.x: unknown field 'aa'; did you mean 'a'?");
    expect(refusal(schema, { piped: { a: 1, A: 2 } })).toBe("piped: unknown field 'A'; did you mean 'a'?");
    expect(refusal(schema, { later: { a: 1, c: 2 } })).toBe("later: unknown field 'c'; did you mean 'a'?");
    expect(strictRequestSchema(schema).parse({ open: { a: 1, extra: true }, either: 'text' })).toEqual({
      open: { a: 1, extra: true },
      either: 'text',
    });
    // the shared schema itself is untouched: responses keep dropping unknown keys
    expect(schema.parse({ list: [{ a: 1, b: 2 }] })).toEqual({ list: [{ a: 1 }] });
  });

  it('keeps refinements and names several unknown keys at once', () => {
    const schema = z.object({ min: z.number(), max: z.number() }).refine((r) => r.min <= r.max, 'min must not exceed max');
    expect(refusal(schema, { min: 2, max: 1 })).toBe('min must not exceed max');
    expect(refusal(schema, { min: 1, max: 2, mni: 0, other: 1 })).toBe(
      "unknown fields 'mni' (did you mean 'min'?), 'other'; known fields: min, max",
    );
  });

  it('keeps the message of a schema that is strict already (the list queries name what they accept)', () => {
    expect(refusal(ZExperimentListQuery, { limt: '5' })).toMatch(
      /^unknown query parameter 'limt'; the list accepts: project, limit, offset/,
    );
  });

  it('documents request objects as closed (additionalProperties: false) and leaves loose ones open', () => {
    const schema = z.object({ inner: z.object({ a: z.number() }), open: z.looseObject({}) });
    const json = z.toJSONSchema(schema, { io: 'input', override: markStrictObjects }) as {
      additionalProperties: unknown;
      properties: Record<string, { additionalProperties: unknown }>;
    };
    expect(json.additionalProperties).toBe(false);
    expect(json.properties.inner!.additionalProperties).toBe(false);
    expect(json.properties.open!.additionalProperties).toEqual({});
  });
});
