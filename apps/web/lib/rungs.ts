import { ashaRungEpochs, type TAshaStrategy, type TTrial } from '@atelier/domain';

export type RungOutcome = 'promoted' | 'stopped' | 'waiting' | 'final';

export interface RungPoint {
  trialId: string;
  number: number;
  score: number;
  outcome: RungOutcome;
}

export interface RungSummary {
  rung: number;
  epochs: number;
  points: RungPoint[];
  promoted: number;
  stopped: number;
  waiting: number;
  best: number | null;
}

/**
 * ASHA's rungs from the trials' rung results: who reached each rung, with what score, and
 * whether it was promoted, stopped there, is waiting for a decision, or finished the last rung.
 */
export function summarizeRungs(trials: readonly Pick<TTrial, 'id' | 'number' | 'status' | 'rungs'>[], strategy: TAshaStrategy): RungSummary[] {
  const epochs = ashaRungEpochs(strategy);
  const last = epochs.length - 1;
  return epochs.map((rungEpochs, rung) => {
    const points: RungPoint[] = [];
    for (const trial of trials) {
      const result = trial.rungs.find((r) => r.rung === rung);
      if (!result) continue;
      const outcome: RungOutcome = rung === last ? 'final' : result.promoted ? 'promoted' : trial.status === 'waiting' ? 'waiting' : 'stopped';
      points.push({ trialId: trial.id, number: trial.number, score: result.meanValAccuracy, outcome });
    }
    const count = (o: RungOutcome) => points.filter((p) => p.outcome === o).length;
    return {
      rung,
      epochs: rungEpochs,
      points,
      promoted: count('promoted'),
      stopped: count('stopped'),
      waiting: count('waiting'),
      best: points.length ? Math.max(...points.map((p) => p.score)) : null,
    };
  });
}
