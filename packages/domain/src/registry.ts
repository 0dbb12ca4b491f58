import { ZProjectRef, ZProjectSlug } from './auth';
import { z } from 'zod';
import { ZId } from './common';
import { ZClassProbability } from './compare';
import { ZModelArtifact } from './evaluation';
import { ZMetricSummary, ZParams } from './runs';

import { ZRegisteredModelName } from './model-reference';

// Names and references are in model-reference.ts (a leaf module: experiment.ts needs them too).
export * from './model-reference';

// The model registry (issue 17), after MLflow's: a registered model is a name under which stored
// models are published as numbered versions (1, 2, 3… per name), and aliases ("production",
// "staging") are movable pointers at one version, each move kept in a history. A version is
// referred to as `name/version` and an alias as `name@alias`.

export const ZModelVersionNumber = z.coerce
  .number({ error: 'the version must be a number' })
  .int('the version is a whole number')
  .min(1, 'versions are numbered from 1')
  .max(2_147_483_647, 'no such version')
  .describe('A version number, 1 for the first version registered under the name');

/** POST /registered-models */
export const ZCreateRegisteredModelRequest = z
  .strictObject({
    project: ZProjectSlug.optional().describe("The project's slug; default: the token's project, else 'default'"),
    name: ZRegisteredModelName,
    description: z.string().max(10_000, 'the description is at most 10000 characters').default('').describe('Markdown'),
  })
  .meta({ id: 'CreateRegisteredModelRequest' });
export type TCreateRegisteredModelRequest = z.input<typeof ZCreateRegisteredModelRequest>;

/** POST /registered-models/{name}/versions: a stored model by its id, or the model of a run. */
export const ZCreateModelVersionRequest = z
  .union(
    [
      z.strictObject({ modelId: ZId.describe('A stored model (GET /models/{id})') }),
      z.strictObject({
        runId: ZId.describe(
          'A run whose model becomes the version; refused with 409 when it has none or several (then name one by modelId)',
        ),
      }),
    ],
    { error: 'send either { modelId } (a stored model) or { runId } (a run with one model), not both' },
  )
  .meta({ id: 'CreateModelVersionRequest' });
export type TCreateModelVersionRequest = z.infer<typeof ZCreateModelVersionRequest>;

/** PUT /registered-models/{name}/aliases/{alias}: the version the alias points at from now on. */
export const ZSetModelAliasRequest = z
  .union(
    [
      z.strictObject({
        version: z.number({ error: 'version must be a number' }).int().min(1).describe('A version number of this registered model'),
      }),
      z.strictObject({
        versionId: ZId.describe(
          'The id of a version (as listed by GET /registered-models/{name}); it must belong to this registered model',
        ),
      }),
    ],
    { error: 'send { version: <number> } (or { versionId } for a version by its id)' },
  )
  .meta({ id: 'SetModelAliasRequest' });
export type TSetModelAliasRequest = z.infer<typeof ZSetModelAliasRequest>;

export const ZModelAlias = z.object({ alias: z.string(), version: z.number().int(), updatedAt: z.string() }).meta({ id: 'ModelAlias' });
export type TModelAlias = z.infer<typeof ZModelAlias>;

export const ZModelAliasEvent = z
  .object({
    alias: z.string(),
    fromVersion: z.number().int().nullable().describe('null: the alias was created'),
    toVersion: z.number().int().nullable().describe('null: the alias was deleted'),
    at: z.string(),
  })
  .meta({ id: 'ModelAliasEvent' });
export type TModelAliasEvent = z.infer<typeof ZModelAliasEvent>;

export const ZModelAliasHistory = z
  .object({ name: z.string(), alias: z.string(), items: z.array(ZModelAliasEvent).describe('Oldest first') })
  .meta({ id: 'ModelAliasHistory' });
export type TModelAliasHistory = z.infer<typeof ZModelAliasHistory>;

/** What the model's card says, as far as a registry page shows it; the full card is in the download. */
export const ZRegisteredModelCard = z
  .looseObject({
    name: z.string(),
    architecture: z.string(),
    parameterCount: z.number().int().optional(),
    dataset: z.looseObject({ key: z.string(), name: z.string() }),
    classNames: z.array(z.string()),
    backend: z.string(),
    createdAt: z.string(),
    test: z.looseObject({ accuracy: z.number(), loss: z.number().nullable() }).nullable(),
    crossValidation: z.looseObject({ folds: z.number().int(), meanAccuracy: z.number() }).nullable(),
  })
  .meta({ id: 'RegisteredModelCard' });
export type TRegisteredModelCard = z.infer<typeof ZRegisteredModelCard>;

/** The run a version came from, with its parameters and metric summaries. */
export const ZModelVersionRun = z
  .object({
    id: z.string(),
    experimentId: z.string(),
    experimentName: z.string(),
    number: z.number().int(),
    name: z.string().nullable(),
    params: ZParams,
    metrics: z.record(z.string(), ZMetricSummary).describe('Per metric key: last, min, max over the run'),
  })
  .meta({ id: 'ModelVersionRun' });

export const ZModelVersion = z
  .object({
    id: z.string(),
    name: z.string().describe('The registered model'),
    version: z.number().int(),
    model: ZModelArtifact,
    run: ZModelVersionRun.nullable().describe('null when the model has no run (or it was deleted)'),
    dataset: z.object({ key: z.string(), name: z.string() }).nullable().describe("From the model's card"),
    card: ZRegisteredModelCard.nullable().describe('null when the stored zip has no readable card'),
    aliases: z.array(z.string()).describe('Aliases pointing at this version'),
    createdAt: z.string(),
  })
  .meta({ id: 'ModelVersion' });
export type TModelVersion = z.infer<typeof ZModelVersion>;

export const ZRegisteredModelSummary = z
  .object({
    id: z.string(),
    name: z.string().describe('Unique within its project'),
    project: ZProjectRef.describe('The project it belongs to: the routes under /registered-models/{name} take ?project=<its slug>'),
    description: z.string(),
    latestVersion: z.number().int().nullable().describe('null before the first version'),
    versionCount: z.number().int(),
    aliases: z.array(ZModelAlias),
    createdAt: z.string(),
  })
  .meta({ id: 'RegisteredModelSummary' });
export type TRegisteredModelSummary = z.infer<typeof ZRegisteredModelSummary>;

export const ZRegisteredModelList = z
  .object({ items: z.array(ZRegisteredModelSummary).describe('By name') })
  .meta({ id: 'RegisteredModelList' });
export type TRegisteredModelList = z.infer<typeof ZRegisteredModelList>;

export const ZRegisteredModelDetail = ZRegisteredModelSummary.extend({
  versions: z.array(ZModelVersion).describe('Newest first'),
}).meta({ id: 'RegisteredModelDetail' });
export type TRegisteredModelDetail = z.infer<typeof ZRegisteredModelDetail>;

/** A prediction by reference: which version answered. */
export const ZRegisteredPrediction = z
  .object({
    modelId: z.string(),
    name: z.string(),
    version: z.number().int(),
    alias: z.string().nullable().describe('The alias resolved, when predicted by alias'),
    predictions: z.array(ZClassProbability).describe('Every class, most probable first'),
  })
  .meta({ id: 'RegisteredPrediction' });
export type TRegisteredPrediction = z.infer<typeof ZRegisteredPrediction>;
