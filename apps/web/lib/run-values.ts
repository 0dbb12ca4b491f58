import { NON_FINITE_NAMES, type TParamValue } from '@atelier/domain';
import { formatHyperparameter } from './format';

/**
 * Values of runs as the web app reads them: metric values off the wire (where NaN and the
 * infinities are strings), and parameters, which are settings shown as entered.
 */

/**
 * A metric value on the wire. The domain's TWireNumber says the same, but its declaration file
 * loses "-Infinity" (tsc writes the enum's key as a computed `[-Infinity]`), so the web spells it
 * from the names themselves.
 */
export type TWireValue = number | (typeof NON_FINITE_NAMES)[number];

export function wireToNumber(value: TWireValue): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A parameter as entered: numbers like hyperparameters (1e-4), booleans and strings as they are. */
export function formatParamValue(value: TParamValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'number') return Number.isFinite(value) ? formatHyperparameter(value) : String(value);
  return String(value);
}

/** Two parameter values are the same setting when their types and values are (1 and "1" differ). */
export function sameParamValue(a: TParamValue | undefined, b: TParamValue | undefined): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}
