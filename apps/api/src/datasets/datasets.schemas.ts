import { z } from 'zod';
import { ZDatasetSplit } from '@atelier/domain';

// Path and query shapes of the dataset routes (the answers' shapes live in @atelier/domain).

/** Any string: an unknown or malformed key is a 404 naming the known ones, not a 400. */
export const ZDatasetKeyParams = z.object({ key: z.string().min(1).max(200).describe('Dataset key, e.g. fashion-mnist') });

export const ZDatasetImageParams = ZDatasetKeyParams.extend({
  split: ZDatasetSplit,
  index: z
    .string()
    .regex(/^\d{1,9}$/, 'index must be a whole number ≥ 0')
    .transform(Number)
    .describe('0-based index in the split'),
});
export type TDatasetImageParams = z.output<typeof ZDatasetImageParams>;

export const ZDatasetSamplesQuery = z.object({
  split: ZDatasetSplit.default('train'),
  count: z.coerce.number().int().min(1).max(200).default(24).describe('How many images (1..200)'),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
    .describe('Same seed, same images'),
  label: z.coerce.number().int().min(0).max(255).optional().describe('Sample from this class only'),
});
export type TDatasetSamplesQuery = z.output<typeof ZDatasetSamplesQuery>;
