import { aggregateFolds, experimentOutcome, pickBestTrial, populationStd, trialOutcome } from './aggregate';

describe('aggregateFolds', () => {
  it('computes the mean and the population standard deviation', () => {
    // accuracies 0.8, 0.9, 1.0: mean 0.9, variance (0.01+0+0.01)/3
    const result = aggregateFolds([
      { valAccuracy: 0.8, valLoss: 0.6 },
      { valAccuracy: 0.9, valLoss: 0.4 },
      { valAccuracy: 1.0, valLoss: 0.2 },
    ]);
    expect(result.meanValAccuracy).toBeCloseTo(0.9, 12);
    expect(result.stdValAccuracy).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
    expect(result.meanValLoss).toBeCloseTo(0.4, 12);
  });

  it('gives a zero std for one fold and matches a textbook example', () => {
    expect(aggregateFolds([{ valAccuracy: 0.5, valLoss: 1 }]).stdValAccuracy).toBe(0);
    // 2,4,4,4,5,5,7,9: population std exactly 2
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });

  it('leaves the mean loss empty when a fold has none', () => {
    expect(aggregateFolds([{ valAccuracy: 0.5, valLoss: null }, { valAccuracy: 0.7, valLoss: 1 }]).meanValLoss).toBeNull();
    // a diverged fold's loss is kept, so the trial's mean says it diverged
    expect(aggregateFolds([{ valAccuracy: 0.1, valLoss: NaN }, { valAccuracy: 0.7, valLoss: 1 }]).meanValLoss).toBeNaN();
    expect(aggregateFolds([{ valAccuracy: 0.1, valLoss: Infinity }, { valAccuracy: 0.7, valLoss: 1 }]).meanValLoss).toBe(Infinity);
  });
});

describe('outcomes', () => {
  it('derives a trial status from its folds', () => {
    expect(trialOutcome(['completed', 'completed'])).toBe('completed');
    expect(trialOutcome(['completed', 'cancelled'])).toBe('cancelled');
    expect(trialOutcome(['cancelled', 'failed'])).toBe('failed');
  });

  it('derives an experiment status from its trials', () => {
    expect(experimentOutcome(['completed', 'failed'], false)).toBe('completed');
    expect(experimentOutcome(['failed', 'failed'], false)).toBe('failed');
    expect(experimentOutcome(['completed'], true)).toBe('cancelled');
    expect(experimentOutcome(['cancelled', 'cancelled'], false)).toBe('cancelled');
  });
});

describe('pickBestTrial', () => {
  const trial = (id: string, number: number, acc: number | null, params: number | null, status = 'completed') => ({
    id,
    number,
    status,
    meanValAccuracy: acc,
    parameterCount: params,
  });

  it('takes the highest mean accuracy among completed trials', () => {
    expect(pickBestTrial([trial('a', 1, 0.8, 10), trial('b', 2, 0.9, 1000), trial('c', 3, 0.95, 5, 'failed')])?.id).toBe('b');
  });

  it('breaks ties with fewer parameters, then the earlier trial', () => {
    expect(pickBestTrial([trial('a', 1, 0.9, 500), trial('b', 2, 0.9, 100)])?.id).toBe('b');
    expect(pickBestTrial([trial('a', 2, 0.9, 100), trial('b', 1, 0.9, 100)])?.id).toBe('b');
  });

  it('returns null when no trial completed', () => {
    expect(pickBestTrial([trial('a', 1, null, null, 'failed')])).toBeNull();
  });

  it('under ASHA ranks only the trials of the highest rung reached', () => {
    // a stopped trial scored 0.95 after one epoch; the 9-epoch trial scored 0.9: it wins
    const stopped = { ...trial('early', 1, 0.95, 10, 'stopped'), rung: 0 };
    const top = { ...trial('top', 2, 0.9, 10, 'completed'), rung: 2 };
    const middle = { ...trial('middle', 3, 0.99, 10, 'stopped'), rung: 1 };
    expect(pickBestTrial([stopped, top, middle])?.id).toBe('top');
    // a search whose top rung nobody reached: the best of the highest rung that has scores
    expect(pickBestTrial([stopped, middle])?.id).toBe('middle');
  });
});

describe('experimentOutcome', () => {
  it('counts ASHA-stopped trials as results', () => {
    expect(experimentOutcome(['stopped', 'failed'], false)).toBe('completed');
    expect(experimentOutcome(['failed', 'failed'], false)).toBe('failed');
    expect(experimentOutcome(['stopped'], true)).toBe('cancelled');
  });
});
