import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { ZApiError } from '@atelier/domain';
import { PUBLIC_METADATA } from '../auth/access.decorator';
import { SESSION_COOKIE } from '../auth/credentials';
import { getContract, type RouteContract } from './contract';

export interface DocumentedRoute {
  method: string;
  /** Express-style path, e.g. /experiments/:id */
  path: string;
  contract: RouteContract;
  /** Unique across the document: the contract's, else `<controller><Method>` (experimentsCancel). */
  operationId: string;
  /** @Public(): no credentials needed. */
  isPublic: boolean;
}

type JsonSchema = Record<string, unknown>;
const COMPONENTS = '#/components/schemas/';

/**
 * zod → JSON Schema (2020-12, which OpenAPI 3.1 uses as is). Schemas with a `.meta({ id })`
 * become components and are referenced, never inlined twice. Requests are documented as
 * zod *inputs* (fields with defaults are optional), responses as *outputs*.
 */
class SchemaConverter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
    const { $schema: _schema, $defs, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const suffix = io === 'input' ? 'Input' : '';
    const rename = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rename);
      if (node && typeof node === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') {
            const id = value.replace(/^#\/\$defs\//, '');
            out.$ref = `${COMPONENTS}${this.componentName(id, suffix)}`;
          } else if (key !== '$id') out[key] = rename(value);
        }
        return out;
      }
      return node;
    };
    for (const [id, def] of Object.entries($defs ?? {})) this.components[this.componentName(id, suffix)] = rename(def) as JsonSchema;
    // A schema that has an id of its own is stored as a component and referenced.
    const id = z.globalRegistry.get(schema)?.id;
    const body = rename(rest) as JsonSchema;
    if (id && !('$ref' in body)) {
      this.components[this.componentName(id, suffix)] = body;
      return { $ref: `${COMPONENTS}${this.componentName(id, suffix)}` };
    }
    return body;
  }

  /** A schema with an id is converted to a reference: parameters need its properties. */
  resolve(json: JsonSchema): JsonSchema {
    const ref = json.$ref;
    return typeof ref === 'string' && ref.startsWith(COMPONENTS) ? (this.components[ref.slice(COMPONENTS.length)] ?? json) : json;
  }

  /** Inputs get their own components: with defaults, their required fields differ. */
  private componentName(id: string, suffix: string): string {
    return `${id}${suffix}`;
  }
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Builds the OpenAPI 3.1 document from the routes' contracts. */
export function buildOpenApiDocument(
  routes: DocumentedRoute[],
  info: { title: string; version: string; description?: string },
): OpenAPIObject {
  const converter = new SchemaConverter();
  converter.convert(ZApiError, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  for (const { method, path, contract, operationId, isPublic } of routes) {
    if (operationIds.has(operationId))
      throw new Error(`two routes have the operationId '${operationId}': set operationId in one @Contract`);
    operationIds.add(operationId);
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', contract.params],
      ['query', contract.query],
    ] as const) {
      if (!schema) continue;
      const json = converter.resolve(converter.convert(schema, 'input')) as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        const { description, ...rest } = property as JsonSchema & { description?: string };
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), description, schema: rest });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(contract.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { [response.contentType ?? 'application/json']: { schema: converter.convert(response.schema, 'output') } } }
          : {}),
      };
    }
    const statuses = Object.keys(contract.responses).map(Number);
    const errorStatuses = [...(contract.params || contract.query || contract.body ? [400] : []), ...(contract.params ? [404] : [])];
    for (const status of errorStatuses) {
      if (statuses.includes(status)) continue;
      responses[String(status)] = {
        description: status === 400 ? 'Invalid request: the message says what to change' : 'No such record',
        content: { 'application/json': { schema: { $ref: `${COMPONENTS}ApiError` } } },
      };
    }
    if (!isPublic) {
      responses['401'] ??= {
        description: 'No credentials, or an invalid, expired or revoked token',
        content: { 'application/json': { schema: { $ref: `${COMPONENTS}ApiError` } } },
      };
      responses['403'] ??= {
        description: 'Signed in, but the role or the token scope does not allow this',
        content: { 'application/json': { schema: { $ref: `${COMPONENTS}ApiError` } } },
      };
    }
    const operation = {
      operationId,
      summary: contract.summary,
      ...(contract.description ? { description: contract.description } : {}),
      ...(contract.tags ? { tags: contract.tags } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(contract.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: converter.convert(contract.body, 'input') } } } }
        : {}),
      responses,
      ...(isPublic ? { security: [] } : {}),
    };
    (paths[openApiPath(path)] ??= {})[method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    // Every operation needs one of these unless it says `security: []` (the public ones).
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      schemas: converter.components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (atl_…) from POST /tokens or ATELIER_ADMIN_TOKEN' },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The session of POST /auth/sign-in; writes also send the header x-atelier-csrf with its csrfToken',
        },
      },
    },
  };
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

/** Every controller route that declares a @Contract, as Nest registered it. */
export function discoverRoutes(app: INestApplication): DocumentedRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = new MetadataScanner();
  const routes: DocumentedRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | string[] | undefined;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const contract = getContract(handler);
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (!contract || path === undefined || method === undefined) continue;
      const controller = wrapper.metatype.name.replace(/Controller$/, '');
      routes.push({
        operationId:
          contract.operationId ??
          `${controller.charAt(0).toLowerCase()}${controller.slice(1)}${name.charAt(0).toUpperCase()}${name.slice(1)}`,
        isPublic: Reflect.getMetadata(PUBLIC_METADATA, handler) === true,
        method: RequestMethod[method],
        path: joinPath(String(Array.isArray(base) ? base[0] : (base ?? '')), String(Array.isArray(path) ? path[0] : path)),
        contract,
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
