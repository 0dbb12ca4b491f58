import { toWireNumber, type TMetricSummary, type TParamValue } from '@atelier/domain';
import type { SummaryRow } from './runs.repository';

/** How a run's documents and metric summaries go on the wire, for every list of runs (GET /runs, a search's trials table). */

/** The parameters and tags documents as stored; anything else in them (never written by Atelier) is left out. */
export function primitives(document: unknown): Record<string, TParamValue> {
  const out: Record<string, TParamValue> = {};
  if (!document || typeof document !== 'object' || Array.isArray(document)) return out;
  for (const [key, value] of Object.entries(document))
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') out[key] = value;
  return out;
}

export function strings(document: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(primitives(document)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export function toMetricSummary(row: Omit<SummaryRow, 'runId'>): TMetricSummary {
  return { last: toWireNumber(row.last), lastStep: row.lastStep, min: toWireNumber(row.min), max: toWireNumber(row.max), count: row.count };
}
