import { z } from 'zod';
import { ZRefitStatus } from './evaluation';
import { ZEpochMetric, ZExperimentStatus, ZTrialStatus } from './experiment';
import { ZWireNumber } from './runs';

/**
 * Live progress, published by workers on Redis pub/sub and streamed to browsers as
 * server-sent events. Every event names its experiment so one channel can carry many.
 */
export const ZProgressEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('experiment'), experimentId: z.string(), status: ZExperimentStatus }),
    z.object({
      type: z.literal('trial'),
      experimentId: z.string(),
      trialId: z.string(),
      status: ZTrialStatus,
      meanValAccuracy: z.number().nullable(),
      stdValAccuracy: z.number().nullable(),
    }),
    z.object({
      type: z.literal('fold'),
      experimentId: z.string(),
      trialId: z.string(),
      fold: z.number().int(),
      status: ZTrialStatus,
      valAccuracy: z.number().nullable(),
      backend: z.string().nullable(),
    }),
    z.object({
      type: z.literal('epoch'),
      experimentId: z.string(),
      trialId: z.string(),
      fold: z.number().int(),
      epochs: z.number().int(),
      metric: ZEpochMetric,
    }),
    z.object({
      type: z.literal('refit'),
      experimentId: z.string(),
      trialId: z.string(),
      status: ZRefitStatus,
      testAccuracy: z.number().nullable(),
    }),
    z.object({
      type: z.literal('rung'),
      experimentId: z.string(),
      trialId: z.string(),
      rung: z.number().int(),
      meanValAccuracy: z.number(),
      promoted: z.boolean(),
    }),
    z.object({
      type: z.literal('batch'),
      experimentId: z.string(),
      trialId: z.string(),
      fold: z.number().int(),
      epoch: z.number().int(),
      epochs: z.number().int(),
      batch: z.number().int(),
      batches: z.number().int(),
    }),
    // A run logged from code (POST /runs/{id}/log, PATCH /runs/{id}): its status and the points
    // the log stored, so a chart can append them without reading the series again.
    z.object({
      type: z.literal('run'),
      experimentId: z.string(),
      runId: z.string(),
      status: ZTrialStatus,
      lastSeenAt: z.string().nullable(),
      points: z.array(z.object({ key: z.string(), fold: z.number().int().nullable(), step: z.number().int(), value: ZWireNumber, time: z.string() })),
    }),
  ])
  .meta({ id: 'ProgressEvent' });
export type TProgressEvent = z.infer<typeof ZProgressEvent>;

export function progressChannel(prefix: string, experimentId: string): string {
  return `${prefix}:progress:${experimentId}`;
}
