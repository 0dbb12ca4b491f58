import type { TExperimentListQueryInput, TTrialTableQueryInput } from '@atelier/domain';
import type { RunMetricsOptions, TRunListQueryInput } from './api-client';
import type { SamplesQuery } from './datasets-client';

/**
 * The query cache's keys, one family per API resource, so that an invalidation names what it
 * means (`queryKeys.runs.all` drops every runs list and run). Keys start with the resource and
 * narrow from there, as TanStack Query matches them by prefix: invalidating
 * `queryKeys.experiments.detail(id)` refreshes that experiment's live state, trials pages and
 * leaderboards at once, and leaves the other experiments alone.
 */
export const queryKeys = {
  experiments: {
    all: ['experiments'] as const,
    lists: () => ['experiments', 'list'] as const,
    /** GET /experiments for one sort, filter and page. */
    list: (query: TExperimentListQueryInput) => ['experiments', 'list', query] as const,
    /** Everything read about one experiment, of either kind. */
    detail: (id: string) => ['experiments', 'detail', id] as const,
    /** A search's live state: the overview with the stream's events applied (components/experiments/live-state.ts). */
    live: (id: string) => ['experiments', 'detail', id, 'live'] as const,
    /** The curves of some trials, merged into the live state once read; `snapshot` counts overviews, so a failed read is tried again after the next. */
    curves: (id: string, trialNumbers: readonly number[], snapshot: number) =>
      ['experiments', 'detail', id, 'curves', trialNumbers, snapshot] as const,
    trials: (id: string) => ['experiments', 'detail', id, 'trials'] as const,
    trialsPage: (id: string, query: TTrialTableQueryInput) => ['experiments', 'detail', id, 'trials', query] as const,
    leaderboards: (id: string) => ['experiments', 'detail', id, 'leaderboard'] as const,
    leaderboard: (id: string, view: { rung: number | null; limit: number }) => ['experiments', 'detail', id, 'leaderboard', view] as const,
    /** GET /experiments/:id of a tracked experiment (runs logged from code). */
    tracked: (id: string) => ['experiments', 'detail', id, 'tracked'] as const,
    /** POST /experiments/plan: the server's word on a launch request (a read: it stores nothing). */
    plan: (request: unknown) => ['experiments', 'plan', request] as const,
  },
  trials: {
    all: ['trials'] as const,
    detail: (id: string) => ['trials', id] as const,
    evaluations: (id: string) => ['trials', id, 'evaluations'] as const,
    /** The trial as GET /compare?trials=:id gives it (curves, experiment and dataset names). */
    compared: (id: string) => ['trials', id, 'compared'] as const,
    models: (id: string) => ['trials', id, 'models'] as const,
  },
  /** GET /compare: trials side by side. */
  comparisons: {
    all: ['comparisons'] as const,
    of: (trialIds: readonly string[]) => ['comparisons', trialIds] as const,
  },
  runs: {
    all: ['runs'] as const,
    lists: () => ['runs', 'list'] as const,
    /** GET /runs for one filter, sort and experiment; the pages "Load more" read are kept together. */
    list: (query: TRunListQueryInput) => ['runs', 'list', query] as const,
    detail: (id: string) => ['runs', 'detail', id] as const,
    /** `at`: the run's series signature when they were read (counts and last steps), so a new point makes a new entry. */
    metrics: (id: string, options: RunMetricsOptions & { at?: string }) => ['runs', 'detail', id, 'metrics', options] as const,
  },
  datasets: {
    all: ['datasets'] as const,
    list: () => ['datasets', 'list'] as const,
    samples: (key: string, query: SamplesQuery) => ['datasets', 'detail', key, 'samples', query] as const,
  },
  /** The model registry: GET /registered-models and one registered model with its versions and aliases. */
  registry: {
    all: ['registry'] as const,
    list: () => ['registry', 'list'] as const,
    /** A name is unique within its project only. */
    detail: (project: string, name: string) => ['registry', 'detail', project, name] as const,
  },
  architectures: {
    all: ['architectures'] as const,
    /** POST /architectures/summary of a layer list (a read: it stores nothing). */
    summary: (layers: unknown) => ['architectures', 'summary', layers] as const,
  },
  /** Who is signed in, and the account's tokens, projects, members and the instance's users (issue 16). */
  auth: {
    all: ['auth'] as const,
    /** GET /auth/session: the user, the CSRF token and the projects with their roles. */
    session: ['auth', 'session'] as const,
    tokens: ['auth', 'tokens'] as const,
    projects: ['auth', 'projects'] as const,
    members: (slug: string) => ['auth', 'projects', slug, 'members'] as const,
    audit: (slug: string) => ['auth', 'projects', slug, 'audit'] as const,
    users: ['auth', 'users'] as const,
  },
} as const;
