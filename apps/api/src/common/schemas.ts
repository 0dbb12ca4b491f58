import { z } from 'zod';
import { ZId } from '@atelier/domain';

// Route-level schemas the shared contract does not need: path and query shapes, and the plan.

export const ZIdParams = z.object({ id: ZId.describe('UUID of the record') });

export const ZFoldParams = z.object({
  id: ZId.describe('UUID of the trial'),
  fold: z.coerce.number().int().min(0).max(99).describe('0-based fold index'),
});

export const ZHealth = z
  .object({
    status: z.enum(['ok', 'degraded']),
    postgres: z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() }),
    redis: z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() }),
  })
  .meta({ id: 'Health' });
export type THealth = z.infer<typeof ZHealth>;
