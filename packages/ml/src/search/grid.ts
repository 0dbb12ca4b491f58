import { HYPERPARAMETER_NAMES, type TGridSpace, type THyperparameters } from '@atelier/domain';

/** Number of trials a grid expands to, without expanding it (the product of the list lengths). */
export function gridSize(space: TGridSpace): number {
  return HYPERPARAMETER_NAMES.reduce((n, name) => n * space[name].length, 1);
}

/**
 * The cartesian product of the grid, in a stable order: the first hyperparameter in
 * HYPERPARAMETER_NAMES varies slowest, so trial numbers mean the same thing on every run.
 */
export function expandGrid(space: TGridSpace): THyperparameters[] {
  let points: Partial<THyperparameters>[] = [{}];
  for (const name of HYPERPARAMETER_NAMES) {
    const values = space[name] as readonly THyperparameters[typeof name][];
    points = points.flatMap((point) => values.map((value) => ({ ...point, [name]: value })));
  }
  return points as THyperparameters[];
}
