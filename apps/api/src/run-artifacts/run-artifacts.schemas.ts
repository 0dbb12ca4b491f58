import { z } from 'zod';
import { ZId } from '@atelier/domain';

// Route-level shapes of the run artifact routes: path and query parameters.

export const ZRunParams = z.object({ id: ZId.describe('UUID of the run') });

export const ZRunArtifactParams = z.object({
  id: ZId.describe('UUID of the run'),
  artifactId: ZId.describe('UUID of the artifact'),
});

const ZQueryBoolean = z
  .enum(['true', 'false', '1', '0'], { error: "must be 'true' or 'false'" })
  .transform((value) => value === 'true' || value === '1');

export const ZArtifactUploadQuery = z.object({
  overwrite: ZQueryBoolean.default(false).describe('Replace artifacts of the same names instead of answering 409'),
});
export type TArtifactUploadQuery = z.output<typeof ZArtifactUploadQuery>;

export const ZModelUploadQuery = z.object({
  dataset: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("Key of the dataset the model classifies (e.g. fashion-mnist); default: the run's `dataset` parameter"),
  name: z.string().min(1).max(500).optional().describe('Name of the model artifact within the run; default "model"'),
  overwrite: ZQueryBoolean.default(false).describe('Replace an artifact of the same name instead of answering 409'),
});
export type TModelUploadQuery = z.output<typeof ZModelUploadQuery>;
