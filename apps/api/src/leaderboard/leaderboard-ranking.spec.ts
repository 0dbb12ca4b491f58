import { rankTrials } from './leaderboard-ranking';
import type { ScoredTrialRecord } from './leaderboard.repository';

const trial = (number: number, meanValAccuracy: number, extra: Partial<ScoredTrialRecord> = {}): ScoredTrialRecord => ({
  id: `t${number}`,
  number,
  status: 'completed',
  params: { architecture: 'cnn-a', batchSize: 32, epochs: 3, activation: 'relu', optimizer: 'adam', learningRate: 0.001, momentum: 0 },
  parameterCount: 100,
  meanValAccuracy,
  stdValAccuracy: 0,
  meanValLoss: 0.5,
  scoreRung: null,
  scoreEpochs: null,
  ...extra,
});
const context = { folds: 3, classes: 10 };

describe('rankTrials', () => {
  it('ranks by accuracy, then fewer parameters (unknown last), then number', () => {
    const rows = rankTrials(
      [
        trial(1, 0.8),
        trial(2, 0.9, { parameterCount: null }),
        trial(3, 0.9, { parameterCount: 200 }),
        trial(4, 0.9, { parameterCount: 200 }),
      ],
      context,
    );
    expect(rows.map((r) => [r.rank, r.number])).toEqual([
      [1, 3],
      [2, 4],
      [3, 2],
      [4, 1],
    ]);
  });

  it('puts the highest ASHA rung first and reports its epochs', () => {
    const rows = rankTrials(
      [
        trial(1, 0.95, { scoreRung: 0, scoreEpochs: 1 }),
        trial(2, 0.7, {
          scoreRung: 1,
          scoreEpochs: 3,
          params: {
            architecture: 'cnn-a',
            batchSize: 32,
            epochs: 9,
            activation: 'relu',
            optimizer: 'adam',
            learningRate: 0.001,
            momentum: 0,
          },
        }),
      ],
      context,
    );
    expect(rows.map((r) => [r.number, r.rung, r.epochs])).toEqual([
      [2, 1, 3],
      [1, 0, 1],
    ]);
    // a higher score at a lower rung is no tie: the scores are not comparable
    expect(rows[1]!.tiedWithBest).toBe(false);
  });

  it('marks the trials within one standard error of the best as tied, and the diverged ones', () => {
    // the user's search: #2 79.35 % ± 2.75 (SE 1.59 points over 3 folds), #1 78.9 %, #3 77.0 %, #4 10 % with loss 14.5
    const rows = rankTrials(
      [
        trial(1, 0.789, { stdValAccuracy: 0.01 }),
        trial(2, 0.7935, { stdValAccuracy: 0.0275 }),
        trial(3, 0.77, { stdValAccuracy: 0.001 }),
        trial(4, 0.1, { meanValLoss: 14.5 }),
        trial(5, 0.6, { meanValLoss: null }),
      ],
      context,
    );
    expect(rows.map((r) => [r.number, r.tiedWithBest, r.diverged])).toEqual([
      [2, false, null],
      [1, true, null],
      [3, false, null],
      [5, false, 'non-finite-loss'],
      [4, false, 'chance-accuracy'],
    ]);
  });
});
