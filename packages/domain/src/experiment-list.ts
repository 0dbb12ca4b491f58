import { ZProjectSlug } from './auth';
import { z } from 'zod';
import { queryList, unknownQueryKeys, ZSortOrder, type TSortOrder } from './common';
import { ZDatasetKey } from './dataset';
import { ZListInclude } from './lifecycle';
import { EXPERIMENT_STATUSES } from './run-lifecycle';
import { SEARCH_STRATEGY_KINDS } from './search';

/**
 * The experiments list (GET /experiments): server-side sorting, filtering and paging, with the
 * trials table's conventions (`sort` + `order`, comma-separated value lists, 400 on unknown keys).
 */

/** Columns the experiments list sorts by. */
export const EXPERIMENT_SORT_FIELDS = ['createdAt', 'name', 'status', 'dataset', 'trialCount', 'bestValAccuracy', 'finishedAt'] as const;
export type TExperimentSortField = (typeof EXPERIMENT_SORT_FIELDS)[number];

/** Longest `q` accepted (after trimming). */
export const EXPERIMENT_SEARCH_MAX_LENGTH = 200;

/**
 * The order a column sorts in when the query gives none: text columns A→Z (status in its
 * lifecycle order), dates, counts and scores newest / largest first.
 */
export function defaultExperimentOrder(sort: TExperimentSortField): TSortOrder {
  return sort === 'name' || sort === 'status' || sort === 'dataset' ? 'asc' : 'desc';
}

export const EXPERIMENT_LIST_QUERY_KEYS = [
  'project',
  'limit',
  'offset',
  'sort',
  'order',
  'status',
  'dataset',
  'strategy',
  'q',
  'include',
] as const;

/** Every option of the list; the API answers 400 for any other query parameter. */
export const ZExperimentListQuery = z.strictObject(
  {
    project: ZProjectSlug.optional().describe('Only this project (default: every project you can read)'),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Experiments per page, 1..500'),
    offset: z.coerce.number().int().min(0).default(0).describe('Experiments skipped before the page'),
    sort: z
      .enum(EXPERIMENT_SORT_FIELDS, { error: `sort must be one of: ${EXPERIMENT_SORT_FIELDS.join(', ')}` })
      .default('createdAt')
      .describe(
        'Column to sort by. name is case-insensitive; status follows the lifecycle (queued, running, paused, completed, failed, ' +
          "cancelled); dataset is the dataset's key; bestValAccuracy is the best trial's mean validation accuracy (the recorded " +
          'best trial once the search finished, else the current leader). Experiments without a value (no scored trial, not ' +
          'finished) sort last in both orders; ties by createdAt (newest first), then id.',
      ),
    order: ZSortOrder.optional().describe(
      'Sort direction. Absent: asc for name, status and dataset; desc for createdAt, finishedAt, trialCount and bestValAccuracy',
    ),
    status: queryList(z.enum(EXPERIMENT_STATUSES, { error: `status must be one of: ${EXPERIMENT_STATUSES.join(', ')}` }), 'status')
      .optional()
      .describe('Only experiments in one of these statuses (comma-separated, or the key repeated)'),
    dataset: ZDatasetKey.optional().describe("Only experiments on this dataset (its key, e.g. 'fashion-mnist')"),
    strategy: z
      .enum(SEARCH_STRATEGY_KINDS, { error: `strategy must be one of: ${SEARCH_STRATEGY_KINDS.join(', ')}` })
      .optional()
      .describe('Only experiments searching this way'),
    q: z
      .string({ error: 'q must be given once' })
      .trim()
      .max(EXPERIMENT_SEARCH_MAX_LENGTH, `q must be at most ${EXPERIMENT_SEARCH_MAX_LENGTH} characters`)
      .transform((text) => text || undefined)
      .optional()
      .describe(
        `Only experiments whose name or description contains this text, ignoring case (trimmed; at most ${EXPERIMENT_SEARCH_MAX_LENGTH} characters; empty: no filter)`,
      ),
    include: ZListInclude.optional(),
  },
  { error: unknownQueryKeys('the list', EXPERIMENT_LIST_QUERY_KEYS) },
);
export type TExperimentListQueryInput = z.input<typeof ZExperimentListQuery>;
export type TExperimentListQuery = z.output<typeof ZExperimentListQuery>;
