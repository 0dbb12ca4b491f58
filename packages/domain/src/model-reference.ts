import { z } from 'zod';

// How registered models are named and referred to (the registry: registry.ts). A leaf module, so
// that the experiment request (a fine-tune's baseModel) can use it without an import cycle.

/** Letters, digits, '.', '_' and '-', starting with a letter or digit: safe in a URL path and a file name. */
export const REGISTRY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const NAME_RULE = "1 to 100 characters: letters, digits, '.', '_' or '-', starting with a letter or a digit";

export const ZRegisteredModelName = z
  .string({ error: 'the name must be a string' })
  .regex(REGISTRY_NAME_PATTERN, { error: (issue) => `'${String(issue.input)}' is not a valid registered model name: use ${NAME_RULE}` })
  .describe(`The registered model's name: ${NAME_RULE}`);

/** The same rule as a name; '@' and '/' (which separate a name from its alias or version in a reference) are thereby excluded. */
export const ZModelAliasName = z
  .string({ error: 'the alias must be a string' })
  .regex(REGISTRY_NAME_PATTERN, { error: (issue) => `'${String(issue.input)}' is not a valid alias: use ${NAME_RULE} (no '@' or '/')` })
  .describe(`An alias such as 'production': ${NAME_RULE}`);

/** `name@alias` or `name/version`, as the CLI and SDK write a reference. */
export type TModelReference = { name: string; alias: string; version?: never } | { name: string; version: number; alias?: never };

/**
 * What a fine-tune experiment's baseModel names: a registered version (`name@alias`,
 * `name/version`) or a stored model by its id.
 */
export type TBaseModelReference = { kind: 'model'; modelId: string } | { kind: 'registered'; reference: TModelReference };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws an Error saying how to write a reference when `text` is none of the three forms. */
export function parseBaseModelReference(text: string): TBaseModelReference {
  if (UUID.test(text)) return { kind: 'model', modelId: text.toLowerCase() };
  try {
    return { kind: 'registered', reference: parseModelReference(text) };
  } catch (error) {
    throw new Error(`${(error as Error).message.replace(/\.$/, '')}, or the id of a stored model (GET /models/{id}).`, { cause: error });
  }
}

export const ZBaseModelReference = z
  .string({ error: 'baseModel must be a string' })
  .trim()
  .superRefine((text, ctx) => {
    try {
      parseBaseModelReference(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  })
  .describe(
    "The model to fine-tune: a registered version ('fashion@production' or 'fashion/2') or a stored model's id. Its Dense head is replaced for the dataset's classes and its first freezeLayers layers are frozen",
  );

export function parseModelReference(text: string): TModelReference {
  const at = text.indexOf('@');
  const slash = text.indexOf('/');
  const fail = (why: string) =>
    new Error(`'${text}' is not a model reference: ${why}. Write name@alias (e.g. fashion@production) or name/version (e.g. fashion/3).`);
  if (at >= 0 && slash >= 0) throw fail("use either '@' or '/', not both");
  const sep = at >= 0 ? at : slash;
  if (sep < 0) throw fail("it has no '@alias' or '/version'");
  const name = ZRegisteredModelName.safeParse(text.slice(0, sep));
  if (!name.success) throw fail(name.error.issues[0]?.message ?? 'invalid name');
  const rest = text.slice(sep + 1);
  if (at >= 0) {
    const alias = ZModelAliasName.safeParse(rest);
    if (!alias.success) throw fail(alias.error.issues[0]?.message ?? 'invalid alias');
    return { name: name.data, alias: alias.data };
  }
  if (!/^[1-9][0-9]{0,9}$/.test(rest)) throw fail(`'${rest}' is not a version number`);
  return { name: name.data, version: Number(rest) };
}
