import {
  FINE_TUNE_ARCHITECTURE,
  type TApiError,
  type TArchitectureSpec,
  type TCreateExperiment,
  type TExperimentPlan,
} from '@atelier/domain';
import { searchSize, type SearchSize } from '@atelier/ml/search/plan';
import { architectureFitIssues, type ModelCaps } from '../architectures/model-caps';

type Issue = NonNullable<TApiError['issues']>[number];

/** Server-wide caps (MAX_TRIALS, MAX_TOTAL_EPOCHS); a request's own budget can only lower them. */
export interface ServerLimits {
  maxTrials: number;
  maxTotalEpochs: number;
}

/** What the rules need to know about the server's datasets and architectures. */
export interface RuleContext extends ServerLimits {
  /** `imageShape` and `numClasses` let the rules check that each architecture builds for the images. */
  datasets: readonly { key: string; trainSize: number; imageShape?: readonly [number, number, number]; numClasses?: number }[];
  architectures: readonly { key: string; kind: 'layers' | 'knn'; spec?: TArchitectureSpec }[];
  /** The caps on one model; unset: not checked. */
  modelCaps?: ModelCaps;
}

/** The largest value a space's dimension can give: a list's largest, or a distribution's high. */
function largestOf(dimension: readonly number[] | { high: number }): number {
  return 'high' in dimension ? dimension.high : Math.max(...dimension);
}

/** The limits that apply to this request: its budget where it is stricter than the server's. */
export function effectiveLimits(request: Pick<TCreateExperiment, 'budget'>, server: ServerLimits): ServerLimits {
  return {
    maxTrials: Math.min(request.budget.maxTrials ?? Infinity, server.maxTrials),
    maxTotalEpochs: Math.min(request.budget.maxTotalEpochs ?? Infinity, server.maxTotalEpochs),
  };
}

/**
 * The size of a search, or the reason it cannot be sized (a random search asking for more
 * distinct points than its space holds).
 */
function trySize(request: TCreateExperiment): SearchSize | Issue {
  try {
    return searchSize(request);
  } catch (error) {
    return { path: 'strategy', message: (error as Error).message };
  }
}

/** The plan's size and limits; the service adds the time estimate (it needs the database and the queue). */
export function planExperiment(request: TCreateExperiment, server: ServerLimits): Omit<TExperimentPlan, 'estimate'> {
  const size = trySize(request);
  if ('message' in size) throw new Error(size.message);
  return { ...size, ...effectiveLimits(request, server) };
}

/**
 * The rules a well-formed request must also meet against this server's state; an empty list
 * means the experiment can be created. Each message says what to change.
 */
export function checkExperimentRules(request: TCreateExperiment, context: RuleContext): Issue[] {
  const issues: Issue[] = [];
  const dataset = context.datasets.find((d) => d.key === request.dataset);
  if (!dataset) {
    const keys = context.datasets.map((d) => d.key).join(', ');
    issues.push({ path: 'dataset', message: `Unknown dataset '${request.dataset}'. Available: ${keys || 'none'}` });
  }

  const trainable = context.architectures.filter((a) => a.kind === 'layers').map((a) => a.key);
  request.space.architecture.forEach((key, index) => {
    // a fine-tune trains its base model (checked by the service), which is no stored architecture
    if (key === FINE_TUNE_ARCHITECTURE && request.baseModel !== null) return;
    const architecture = context.architectures.find((a) => a.key === key);
    const path = `space.architecture[${index}]`;
    if (!architecture) {
      issues.push({ path, message: `Unknown architecture '${key}'. Available: ${trainable.join(', ') || 'none'}` });
    } else if (architecture.kind === 'knn') {
      issues.push({
        path,
        message: `Architecture '${key}' is a k-nearest-neighbours baseline: it has no weights to train, so a search cannot tune it. Remove it from space.architecture.`,
      });
    }
  });

  const { modelCaps } = context;
  const { imageShape, numClasses } = dataset ?? {};
  if (dataset && imageShape && numClasses !== undefined && modelCaps) {
    const training = { maxBatchSize: largestOf(request.space.batchSize), optimizers: request.space.optimizer };
    request.space.architecture.forEach((key, index) => {
      const architecture = context.architectures.find((a) => a.key === key);
      if (architecture?.kind !== 'layers' || !architecture.spec) return;
      for (const message of architectureFitIssues(
        { key, spec: architecture.spec },
        { key: dataset.key, imageShape, numClasses },
        training,
        modelCaps,
      )) {
        issues.push({ path: `space.architecture[${index}]`, message });
      }
    });
  }

  if (dataset && request.trainingSlice !== null && request.trainingSlice > dataset.trainSize) {
    issues.push({
      path: 'trainingSlice',
      message: `Training slice ${request.trainingSlice} is larger than the training set of '${dataset.key}' (${dataset.trainSize} images): use at most ${dataset.trainSize}, or no slice to train on all of them.`,
    });
  }

  const size = trySize(request);
  if ('message' in size) {
    issues.push(size);
    return issues;
  }
  const limits = effectiveLimits(request, context);
  const fromBudget = (name: 'maxTrials' | 'maxTotalEpochs', server: number) =>
    (request.budget[name] ?? Infinity) < server ? `budget.${name}` : name === 'maxTrials' ? 'MAX_TRIALS' : 'MAX_TOTAL_EPOCHS';
  if (size.trialCount > limits.maxTrials) {
    const what = request.strategy.kind === 'grid' ? 'The grid expands to' : 'The search asks for';
    issues.push({
      path: 'trials' in request.strategy && request.strategy.trials !== undefined ? 'strategy.trials' : 'space',
      message: `${what} ${size.trialCount} trials; the limit is ${limits.maxTrials} (${fromBudget('maxTrials', context.maxTrials)})`,
    });
  }
  if (size.totalEpochs > limits.maxTotalEpochs) {
    const upTo = ['asha', 'hyperband', 'tpe'].includes(request.strategy.kind) ? 'up to ' : '';
    issues.push({
      path: 'space',
      message: `The search would train ${upTo}${size.totalEpochs} epochs over all its folds; the limit is ${limits.maxTotalEpochs} (${fromBudget('maxTotalEpochs', context.maxTotalEpochs)}). Use fewer values, epochs or folds.`,
    });
  }
  return issues;
}
