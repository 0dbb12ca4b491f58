import { ZProjectSlug } from './auth';
import { z } from 'zod';
import { FINE_TUNE_ARCHITECTURE, ZActivation, ZArchitectureKey } from './hyperparameters';

/**
 * Layers of a sequential image classifier. Hidden layers without an explicit activation take
 * the trial's activation; the output layer (dense, one unit per class, softmax) is appended
 * by the model builder and is not part of the list.
 */
const ZPair = z.union([z.number().int().positive(), z.tuple([z.number().int().positive(), z.number().int().positive()])]);
const ZPadding = z.enum(['valid', 'same']);

export const ZLayerSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('conv2d'),
    filters: z.number().int().min(1).max(1024),
    kernelSize: ZPair,
    strides: ZPair.optional(),
    padding: ZPadding.optional(),
    activation: ZActivation.optional(),
  }),
  z.object({ type: z.literal('maxPooling2d'), poolSize: ZPair, strides: ZPair.optional(), padding: ZPadding.optional() }),
  z.object({ type: z.literal('averagePooling2d'), poolSize: ZPair, strides: ZPair.optional(), padding: ZPadding.optional() }),
  z.object({ type: z.literal('dropout'), rate: z.number().min(0).lt(1) }),
  z.object({ type: z.literal('batchNormalization') }),
  z.object({ type: z.literal('flatten') }),
  z.object({ type: z.literal('dense'), units: z.number().int().min(1).max(8192), activation: ZActivation.optional() }),
]);
export type TLayerSpec = z.infer<typeof ZLayerSpec>;

// Defined with the architecture hyperparameter, whose value it is.
export { ZArchitectureKey };

export const ZArchitectureSpec = z
  .object({
    kind: z.enum(['layers', 'knn']).default('layers'),
    layers: z.array(ZLayerSpec).max(64),
  })
  .meta({ id: 'ArchitectureSpec' });
export type TArchitectureSpec = z.infer<typeof ZArchitectureSpec>;

export const ZArchitectureSummary = z
  .object({
    id: z.string(),
    key: ZArchitectureKey,
    name: z.string(),
    description: z.string(),
    builtin: z.boolean(),
    spec: ZArchitectureSpec,
    parameterCount: z.number().int().nullable().describe('Trainable parameters for 28x28x1 inputs and 10 classes'),
    createdAt: z.string(),
  })
  .meta({ id: 'ArchitectureSummary' });
export type TArchitectureSummary = z.infer<typeof ZArchitectureSummary>;

/** POST /architectures/summary: a layer list to check, for an input shape and class count. */
export const ZArchitectureSummaryRequest = z
  .object({
    spec: ZArchitectureSpec,
    inputShape: z
      .tuple([z.number().int().min(1).max(1024), z.number().int().min(1).max(1024), z.number().int().min(1).max(4)])
      .default([28, 28, 1])
      .describe('[height, width, channels] of one image'),
    numClasses: z.number().int().min(2).max(1000).default(10),
  })
  .meta({ id: 'ArchitectureSummaryRequest' });
export type TArchitectureSummaryRequest = z.input<typeof ZArchitectureSummaryRequest>;

/** One layer of a summarised architecture; the classifier appended by the model builder has `output: true`. */
export const ZLayerSummary = z.object({
  index: z.number().int().min(0),
  type: z.enum(['conv2d', 'maxPooling2d', 'averagePooling2d', 'dropout', 'batchNormalization', 'flatten', 'dense']),
  outputShape: z.array(z.number().int()).describe('Shape of one example after the layer, without the batch axis'),
  parameterCount: z.number().int(),
  output: z.boolean().describe('The softmax classifier the model builder appends'),
});
export type TLayerSummary = z.infer<typeof ZLayerSummary>;

export const ZArchitectureLayout = z
  .object({
    inputShape: z.array(z.number().int()),
    layers: z.array(ZLayerSummary),
    parameterCount: z.number().int(),
    trainableParameterCount: z.number().int(),
  })
  .meta({ id: 'ArchitectureLayout' });
export type TArchitectureLayout = z.infer<typeof ZArchitectureLayout>;

/** POST /architectures: a user's layer list, stored under a key no other architecture has. */
export const ZCreateArchitectureRequest = z
  .object({
    project: ZProjectSlug.optional().describe("The project's slug; default: the token's project, else 'default'"),
    key: ZArchitectureKey.refine((key) => key !== FINE_TUNE_ARCHITECTURE, {
      error: `'${FINE_TUNE_ARCHITECTURE}' is reserved: it names the trials of a fine-tune experiment, which train a base model`,
    }),
    name: z.string().trim().min(1, 'name is required').max(120),
    description: z.string().max(2000).default(''),
    spec: ZArchitectureSpec.refine((spec) => spec.kind === 'layers', 'a custom architecture is a layer list (kind "layers")').refine(
      (spec) => spec.layers.length > 0,
      'a custom architecture needs at least one layer',
    ),
  })
  .meta({ id: 'CreateArchitectureRequest' });
export type TCreateArchitectureRequest = z.input<typeof ZCreateArchitectureRequest>;
