/**
 * ASHA's promotion rule (Li et al. 2018, "A System for Massively Parallel Hyperparameter
 * Tuning", Algorithm 2), as a pure function of what the rungs have recorded so far, so the
 * worker can call it after every result and the rule is testable without a queue.
 */

export interface AshaResult {
  trialId: string;
  /** Higher is better (mean validation accuracy). NaN ranks last. */
  score: number;
}

export interface AshaRung {
  /** Results recorded at this rung, in arrival order (earlier arrival wins a tie). */
  results: readonly AshaResult[];
  /** Trials already sent on from this rung to the next. */
  promoted: readonly string[];
}

export interface AshaPromotion {
  trialId: string;
  fromRung: number;
  toRung: number;
  score: number;
}

function validateRungs(rungs: readonly AshaRung[], reductionFactor: number): void {
  if (!Number.isInteger(reductionFactor) || reductionFactor < 2)
    throw new Error(`ASHA's reduction factor η must be a whole number ≥ 2, got ${reductionFactor}`);
  rungs.forEach((rung, k) => {
    const ids = new Set<string>();
    for (const result of rung.results) {
      if (ids.has(result.trialId)) throw new Error(`trial ${result.trialId} has two results at rung ${k}`);
      ids.add(result.trialId);
    }
    for (const id of rung.promoted) {
      if (!ids.has(id)) throw new Error(`trial ${id} is marked promoted from rung ${k} but has no result there`);
    }
    if (k === rungs.length - 1 && rung.promoted.length > 0) throw new Error(`rung ${k} is the top rung: nothing is promoted from it`);
  });
}

/** Results best first: score descending, NaN last, ties to the earlier arrival. */
function ranked(results: readonly AshaResult[]): AshaResult[] {
  return results
    .map((result, arrival) => ({ result, arrival, key: Number.isNaN(result.score) ? -Infinity : result.score }))
    .sort((a, b) => b.key - a.key || a.arrival - b.arrival)
    .map(({ result }) => result);
}

/**
 * The trials to promote now. At every rung k below the top, with n_k results recorded, the
 * top floor(n_k/η) by score are promotable; those not yet promoted from k are returned,
 * highest rung first (ASHA favours finishing good trials), best score first within a rung.
 * `rungs` holds every rung, the top one included.
 *
 * `limits[k]`, when given, caps the trials ever promoted from rung k (the plan's population of
 * rung k+1). Asynchronous promotion can otherwise exceed floor(n/η) over a search: a result that
 * beats one already promoted is promoted too. The cap keeps the epochs a search trains within
 * what POST /experiments/plan announced.
 */
export function ashaPromotions(rungs: readonly AshaRung[], reductionFactor: number, limits?: readonly number[]): AshaPromotion[] {
  validateRungs(rungs, reductionFactor);
  const promotions: AshaPromotion[] = [];
  for (let k = rungs.length - 2; k >= 0; k--) {
    const rung = rungs[k]!;
    const quota = Math.floor(rung.results.length / reductionFactor);
    const promoted = new Set(rung.promoted);
    let room = limits?.[k] === undefined ? Infinity : Math.max(0, limits[k]! - promoted.size);
    for (const result of ranked(rung.results).slice(0, quota)) {
      if (room <= 0) break;
      if (promoted.has(result.trialId)) continue;
      promotions.push({ trialId: result.trialId, fromRung: k, toRung: k + 1, score: result.score });
      room--;
    }
  }
  return promotions;
}

/**
 * The most trials ASHA may promote from each rung of a bracket of `trials` trials that starts at
 * rung `firstRung`: floor(trials/η^j) from its j-th rung, none below its first. Indexed by rung.
 */
export function ashaPromotionLimits(trials: number, rungCount: number, reductionFactor: number, firstRung = 0): number[] {
  const limits: number[] = [];
  for (let k = 0; k < rungCount - 1; k++) limits.push(k < firstRung ? 0 : Math.floor(trials / reductionFactor ** (k - firstRung + 1)));
  return limits;
}

export interface AshaFinalStatus {
  trialId: string;
  /** completed: reached the top rung. stopped: its last result is at a lower rung. */
  status: 'completed' | 'stopped';
  /** The highest rung with a result for this trial: its score comes from there. */
  rung: number;
  score: number;
}

/**
 * Where every trial ends when a search is over. A trial promoted from rung k that has no
 * result at k+1 (it failed or was cancelled there) is reported stopped at k; the caller keeps
 * its own failed/cancelled status for such trials if it has one.
 */
export function ashaFinalStatus(rungs: readonly AshaRung[]): AshaFinalStatus[] {
  const last = new Map<string, AshaFinalStatus>();
  const top = rungs.length - 1;
  rungs.forEach((rung, k) => {
    for (const { trialId, score } of rung.results) {
      last.set(trialId, { trialId, status: k === top ? 'completed' : 'stopped', rung: k, score });
    }
  });
  return [...last.values()];
}
