import type { TSearchEstimate } from '@atelier/domain';
import { formatInteger } from '@/lib/format';

/** "≈ 40 s", "≈ 12 min", "≈ 2 h 10 min", "≈ 3 d 4 h": two units at most, as a launch decision needs. */
export function formatApproxDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `≈ ${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `≈ ${minutes} min`;
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `≈ ${h} h` : `≈ ${h} h ${m} min`;
  }
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? `≈ ${d} d` : `≈ ${d} d ${h} h`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatInteger(n)} ${n === 1 ? one : many}`;

function perImage(seconds: number): string {
  const ms = seconds * 1000;
  return `${ms >= 10 ? Math.round(ms) : Number(ms.toPrecision(2))} ms per image`;
}

export interface EstimateText {
  /** "≈ 2 h 10 min on 2 training slots" */
  headline: string;
  /** What the figure rests on: the measured epochs, or the fallback. */
  basis: string;
  /** Set when no worker is connected (or the queue cannot say). */
  warning: string | null;
}

/** The launch summary's words for the server's estimate. */
export function describeEstimate(estimate: TSearchEstimate): EstimateText {
  const { slots, parallel } = estimate;
  const where =
    slots !== null && slots > parallel ? `on ${parallel} of ${plural(slots, 'training slot')}` : `on ${plural(parallel, 'training slot')}`;
  const headline = `${formatApproxDuration(estimate.seconds)} ${where}`;

  const parts = estimate.basis.slice(0, 3).map((b) => {
    const pair = `${b.architecture} at batch ${b.batchSize}`;
    if (b.source === 'measured') return `${pair}: ${perImage(b.secondsPerImage)}, median of ${plural(b.measuredEpochs, 'epoch')} measured`;
    if (b.source === 'nearest-batch')
      return `${pair}: ${perImage(b.secondsPerImage)}, measured at batch ${b.measuredBatchSize} (${plural(b.measuredEpochs, 'epoch')})`;
    return `${pair}: nothing measured on this dataset yet, ${perImage(b.secondsPerImage)} assumed`;
  });
  const more = estimate.basis.length - parts.length;
  if (more > 0) parts.push(plural(more, 'more pair'));
  const basis = `Based on ${plural(estimate.imagesPerFold, 'training image')} per fold run; ${parts.join('; ')}.`;

  let warning: string | null = null;
  if (slots === null) warning = 'The queue could not say how many workers are connected: counted on one training slot.';
  else if (slots === 0) warning = 'No worker is connected now: the search waits in the queue until one starts (counted on one slot).';
  return { headline, basis, warning };
}
