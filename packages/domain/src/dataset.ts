import { z } from 'zod';

export const BUILTIN_DATASET_KEYS = ['fashion-mnist', 'mnist'] as const;
export const ZBuiltinDatasetKey = z.enum(BUILTIN_DATASET_KEYS);
export type TBuiltinDatasetKey = z.infer<typeof ZBuiltinDatasetKey>;

/** Lower-case slug: builtin keys and imported datasets share this namespace. */
export const ZDatasetKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'dataset key must be lower-case letters, digits and dashes');

export const ZDatasetKind = z.enum(['builtin', 'imported']);
export const ZDatasetFormat = z.enum(['idx', 'csv']);

export const ZDatasetSummary = z
  .object({
    id: z.string(),
    key: ZDatasetKey,
    name: z.string(),
    kind: ZDatasetKind,
    format: ZDatasetFormat,
    classNames: z.array(z.string()),
    trainSize: z.number().int(),
    testSize: z.number().int(),
    imageShape: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
    available: z.boolean().describe('Whether the files were found where the server looks for them'),
    createdAt: z.string(),
  })
  .meta({ id: 'DatasetSummary' });
export type TDatasetSummary = z.infer<typeof ZDatasetSummary>;
