import { rankTrials } from './leaderboard-ranking';
import type { ScoredTrialRecord } from './leaderboard.repository';

const trial = (number: number, meanValAccuracy: number, extra: Partial<ScoredTrialRecord> = {}): ScoredTrialRecord => ({
  id: `t${number}`,
  number,
  status: 'completed',
  architecture: 'cnn-a',
  batchSize: 32,
  epochs: 3,
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.001,
  momentum: 0,
  parameterCount: 100,
  meanValAccuracy,
  stdValAccuracy: 0,
  meanValLoss: null,
  scoreRung: null,
  scoreEpochs: null,
  firstRungAccuracy: null,
  firstRungEpochs: null,
  ...extra,
});

describe('rankTrials', () => {
  it('ranks by accuracy, then fewer parameters (unknown last), then number', () => {
    const rows = rankTrials([trial(1, 0.8), trial(2, 0.9, { parameterCount: null }), trial(3, 0.9, { parameterCount: 200 }), trial(4, 0.9, { parameterCount: 200 })]);
    expect(rows.map((r) => [r.rank, r.number])).toEqual([
      [1, 3],
      [2, 4],
      [3, 2],
      [4, 1],
    ]);
  });

  it('puts the highest ASHA rung first and reports its epochs', () => {
    const rows = rankTrials([trial(1, 0.95, { scoreRung: 0, scoreEpochs: 1 }), trial(2, 0.7, { scoreRung: 1, scoreEpochs: 3, epochs: 9 })]);
    expect(rows.map((r) => [r.number, r.rung, r.epochs])).toEqual([
      [2, 1, 3],
      [1, 0, 1],
    ]);
  });
});
