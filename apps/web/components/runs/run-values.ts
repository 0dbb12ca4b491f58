import { type TParamValue } from '@atelier/domain';
import { formatHyperparameter } from '@/lib/format';

/**
 * Parameters of runs as the web app shows them: settings, shown as entered. (Metric values off the
 * wire are read with fromWireNumber from @atelier/domain.)
 */

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
