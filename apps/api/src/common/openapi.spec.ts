import { z } from 'zod';
import { ZCreateExperimentRequest, ZExperimentDetail, ZExperimentMetricsQuery } from '@atelier/domain';
import { buildOpenApiDocument } from './openapi';
import { ZIdParams } from './schemas';

/** The parts of an OpenAPI document these tests read. */
interface Content {
  content: { 'application/json': { schema: unknown } };
}
interface Operation {
  requestBody: Content;
  responses: Record<'200' | '201' | '404', Content>;
  parameters: { name: string; in: string; required: boolean; description?: string }[];
}
interface Schema {
  required: string[];
  properties: Record<string, { description?: string }>;
}

describe('buildOpenApiDocument', () => {
  const document = buildOpenApiDocument(
    [
      {
        method: 'POST',
        operationId: 'op1',
        isPublic: false,
        path: '/experiments',
        contract: {
          summary: 'Create',
          body: ZCreateExperimentRequest,
          responses: { 201: { description: 'created', schema: ZExperimentDetail } },
        },
      },
      {
        method: 'GET',
        operationId: 'op2',
        isPublic: false,
        path: '/experiments/:id',
        contract: { summary: 'Get', params: ZIdParams, responses: { 200: { description: 'ok', schema: ZExperimentDetail } } },
      },
      {
        method: 'GET',
        operationId: 'op3',
        isPublic: false,
        path: '/experiments/:id/metrics',
        contract: { summary: 'Metrics', params: ZIdParams, query: ZExperimentMetricsQuery, responses: { 200: { description: 'ok' } } },
      },
      {
        method: 'GET',
        operationId: 'op4',
        isPublic: false,
        path: '/things',
        contract: { summary: 'List', responses: { 200: { description: 'ok', schema: z.array(z.object({ n: z.number() })) } } },
      },
    ],
    { title: 't', version: '1' },
  ) as unknown as {
    openapi: string;
    paths: Record<string, { get: Operation; post: Operation }>;
    components: {
      schemas: { CreateExperimentRequestInput: Schema; ExperimentDetail: Schema; ApiError: Schema; [name: string]: Schema | undefined };
    };
  };

  it('uses OpenAPI 3.1 paths with {param} syntax', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/experiments', '/experiments/{id}', '/experiments/{id}/metrics', '/things']);
  });

  it('references components named after the schemas’ ids; requests as inputs', () => {
    const post = document.paths['/experiments']!.post;
    expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateExperimentRequestInput' });
    expect(post.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ExperimentDetail' });
    // with defaults, the input does not require `validation`; the stored output always has it
    expect(document.components.schemas.CreateExperimentRequestInput.required).not.toContain('validation');
    expect(document.components.schemas.ExperimentDetail.required).toContain('validation');
    expect(document.components.schemas.SearchSpaceInput).toBeDefined();
  });

  it('keeps the descriptions of the shared schemas', () => {
    const input = document.components.schemas.CreateExperimentRequestInput;
    expect(input.properties.dataset!.description).toBe('Key of the dataset, e.g. "fashion-mnist"');
  });

  it('documents path parameters and the error responses', () => {
    const get = document.paths['/experiments/{id}']!.get;
    expect(get.parameters).toEqual([
      expect.objectContaining({
        name: 'id',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ format: 'uuid' }) as unknown,
      }) as unknown,
    ]);
    expect(get.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    expect(document.components.schemas.ApiError.required).toEqual(['statusCode', 'error', 'message']);
  });

  it('documents the query parameters of a query schema that has an id of its own', () => {
    const parameters = document.paths['/experiments/{id}/metrics']!.get.parameters;
    expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['trials', 'query', false],
    ]);
    expect(parameters[1]!.description).toContain('comma-separated');
  });

  it('inlines schemas without an id and leaves no dangling $ref', () => {
    expect(document.paths['/things']!.get.responses['200'].content['application/json'].schema).toMatchObject({ type: 'array' });
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.replace(/^"\$ref":"#\/components\/schemas\//, '').replace(/"$/, '');
      expect(document.components.schemas[name]).toBeDefined();
    }
  });
});
