import { z } from 'zod';
import { unknownFieldsMessage } from './zod-issues';

type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

const strictCopies = new WeakMap<AnySchema, AnySchema>();

/**
 * The request-side copy of a shared schema: every object in it, however deeply nested (the
 * search space, the augmentation options, a run's tags patch…), refuses keys it does not know,
 * and says which known key was probably meant. The shared schemas in @atelier/domain stay
 * lenient, because they also read responses (an older client must keep reading a newer
 * server's answers) and JSON columns written by older versions. Objects that declare a
 * catchall (`z.looseObject`, `.catchall()`) keep it: they are open on purpose. Copies are
 * cached, so a route's schema is walked once.
 */
export function strictRequestSchema<T extends AnySchema>(schema: T): T {
  return strict(schema) as T;
}

function strict(schema: AnySchema): AnySchema {
  const cached = strictCopies.get(schema);
  if (cached) return cached;
  const def = schema._zod.def as unknown as Def;
  // metadata (descriptions, ids) stay with the originals: validation does not read them, and
  // the OpenAPI document is generated from the originals
  const copy = (changes: Record<string, unknown>): AnySchema => new schema._zod.constr({ ...def, ...changes });
  let result: AnySchema;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const known = Object.keys(shape);
      const strictShape = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, strict(value)]));
      const previous = def.error as ((issue: unknown) => unknown) | undefined;
      result = def.catchall
        ? copy({ shape: strictShape })
        : copy({
            shape: strictShape,
            catchall: z.never(),
            error: (issue: z.core.$ZodRawIssue) =>
              issue.code === 'unrecognized_keys' ? unknownFieldsMessage(issue.keys, known) : previous?.(issue),
          });
      break;
    }
    case 'array':
      result = copy({ element: strict(def.element as AnySchema) });
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
    case 'readonly':
      result = copy({ innerType: strict(def.innerType as AnySchema) });
      break;
    case 'union':
      result = copy({ options: (def.options as AnySchema[]).map(strict) });
      break;
    case 'intersection':
      result = copy({ left: strict(def.left as AnySchema), right: strict(def.right as AnySchema) });
      break;
    case 'record':
      result = copy({ valueType: strict(def.valueType as AnySchema) });
      break;
    case 'tuple':
      result = copy({ items: (def.items as AnySchema[]).map(strict), rest: def.rest ? strict(def.rest as AnySchema) : def.rest });
      break;
    case 'pipe':
      result = copy({ in: strict(def.in as AnySchema), out: strict(def.out as AnySchema) });
      break;
    case 'lazy': {
      const getter = def.getter as () => AnySchema;
      result = copy({ getter: () => strict(getter()) });
      break;
    }
    default:
      result = schema;
  }
  strictCopies.set(schema, result);
  return result;
}

/**
 * For the OpenAPI document: an object without a catchall is strict on the request side (see
 * strictRequestSchema), so its input JSON Schema says `additionalProperties: false`.
 */
export function markStrictObjects(context: { zodSchema: AnySchema; jsonSchema: Record<string, unknown> }): void {
  const def = context.zodSchema._zod.def as unknown as Def;
  if (def.type === 'object' && !def.catchall && context.jsonSchema.additionalProperties === undefined) {
    context.jsonSchema.additionalProperties = false;
  }
}
