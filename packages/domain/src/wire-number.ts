import { z } from 'zod';

/**
 * Metric values on the wire. A diverged training's loss is NaN or ±Infinity, and that is data to
 * show, not an error; JSON has no such numbers (JSON.stringify writes null), so they travel as
 * the strings "NaN", "Infinity" and "-Infinity", in requests and in responses alike. Its own
 * module, imported by experiment.ts and runs.ts, so neither imports the other.
 */
// a literal rather than an enum: tsc writes an enum's '-Infinity' key as the computed [-Infinity] in .d.ts
export const NON_FINITE_NAMES = ['NaN', 'Infinity', '-Infinity'] as const;
// the message names what a value may be, so a refused log batch reads "metrics[3].value must be …"
const WIRE_NUMBER_MESSAGE = 'must be a number or NaN/Infinity/-Infinity';
export const ZWireNumber = z
  .union([z.number({ error: WIRE_NUMBER_MESSAGE }), z.literal(NON_FINITE_NAMES, { error: WIRE_NUMBER_MESSAGE })], {
    error: WIRE_NUMBER_MESSAGE,
  })
  .meta({ id: 'MetricValue' });
export type TWireNumber = z.infer<typeof ZWireNumber>;

export function fromWireNumber(value: TWireNumber): number {
  return typeof value === 'number' ? value : Number(value);
}

export function toWireNumber(value: number): TWireNumber {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * A metric value that is a plain `number` in TypeScript (NaN and ±Infinity included) and a
 * TWireNumber on the wire: parsing (decoding) a response or an event turns "NaN" into NaN, and
 * `Schema.encode(value)` turns NaN into "NaN" before JSON.stringify. Finite values are the same
 * number on both sides, so a schema using it keeps its shape for every finite value.
 */
export const ZMetricNumber = z.codec(
  ZWireNumber,
  z
    .custom<number>((value) => typeof value === 'number', 'expected a number')
    .meta({
      description: 'A number; NaN, Infinity and -Infinity are sent as the strings "NaN", "Infinity" and "-Infinity"',
      anyOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_NAMES] }],
    }),
  { decode: fromWireNumber, encode: toWireNumber },
);
