import { DatasetFormatError } from '@atelier/ml/data/dataset-errors';
import { ArchitectureSpecError } from '@atelier/ml/models/summary';
import { TrainingInputError } from '@atelier/ml/training/training-input-error';
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { isDeterministicFailure } from './deterministic-failure';

describe('isDeterministicFailure', () => {
  it('holds for errors that repeat on every attempt', () => {
    const zod = z.number().safeParse('x').error;
    for (const error of [
      new ArchitectureSpecError('layer 3 is too small'),
      new TrainingInputError('batch size must be a positive integer, got 0'),
      new UnrecoverableError('invalid payload'),
      Object.assign(new Error('from a sandboxed child'), { name: 'UnrecoverableError' }),
      zod,
      new Error('wrapped', { cause: zod }),
    ]) {
      expect(isDeterministicFailure(error)).toBe(true);
    }
    expect(isDeterministicFailure(new DatasetFormatError('train.csv', 'ragged-row', 'line 3 has 12 values'))).toBe(true);
  });

  it('does not hold for what a retry may fix', () => {
    for (const error of [
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
      new RangeError('Array buffer allocation failed'),
      'a string',
      null,
    ]) {
      expect(isDeterministicFailure(error)).toBe(false);
    }
  });
});
