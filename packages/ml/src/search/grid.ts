import { spaceDimensions, type TGridSpace, type THyperparameters } from '@atelier/domain';

/** The grid's axes in registry order: the dimensions the space lists (one it leaves out is its default). */
function axes(space: TGridSpace): [string, readonly (string | number)[]][] {
  return spaceDimensions(space).map((name) => [name, space[name] as readonly (string | number)[]]);
}

/** Number of trials a grid expands to, without expanding it (the product of the list lengths). */
export function gridSize(space: TGridSpace): number {
  return axes(space).reduce((n, [, values]) => n * values.length, 1);
}

/**
 * The cartesian product of the grid, in a stable order: the first hyperparameter of the
 * registry varies slowest, so trial numbers mean the same thing on every run (and a space
 * without the hyperparameters added later expands exactly as it did before them).
 */
export function expandGrid(space: TGridSpace): THyperparameters[] {
  let points: Record<string, string | number>[] = [{}];
  for (const [name, values] of axes(space)) {
    points = points.flatMap((point) => values.map((value) => ({ ...point, [name]: value })));
  }
  return points as unknown as THyperparameters[];
}
