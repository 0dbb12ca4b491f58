import type { TGridSpace } from '@atelier/domain';
import { expandGrid, gridSize } from './grid';

const space: TGridSpace = {
  architecture: ['cnn-a', 'mlp'],
  batchSize: [32, 64, 128],
  epochs: [2],
  activation: ['relu', 'tanh'],
  optimizer: ['adam'],
  learningRate: [0.001],
  momentum: [0],
};

describe('grid search space', () => {
  it('counts the product of the list lengths', () => {
    expect(gridSize(space)).toBe(12);
  });

  it('expands to every combination exactly once, first dimension slowest', () => {
    const points = expandGrid(space);
    expect(points).toHaveLength(12);
    expect(new Set(points.map((p) => JSON.stringify(p))).size).toBe(12);
    expect(points[0]).toEqual({
      architecture: 'cnn-a',
      batchSize: 32,
      epochs: 2,
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.001,
      momentum: 0,
    });
    expect(points[1]).toMatchObject({ architecture: 'cnn-a', batchSize: 32, activation: 'tanh' });
    expect(points[6]).toMatchObject({ architecture: 'mlp', batchSize: 32, activation: 'relu' });
  });
});
