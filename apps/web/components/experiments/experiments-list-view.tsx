'use client';

import type { TExperimentList } from '@atelier/domain';
import Link from 'next/link';
import { useSession } from '@/components/auth/use-session';
import { ReadError, StatePanel } from '@/components/ui/state-panel';
import { formatInteger } from '@/lib/format';
import { projectPath } from '@/lib/project-scope';
import { errorMessage } from '@/lib/query-client';
import {
  clearFiltersHref,
  describeFilters,
  EXPERIMENTS_PAGE_SIZE,
  hasFilters,
  pageHref,
  sortHref,
  type ExperimentListState,
} from './experiment-list';
import { ExperimentsTable } from './experiments-table';
import { Pagination } from './pagination';
import { useExperimentList } from './use-experiment-list';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

interface Props {
  state: ExperimentListState;
  /** The page the server read for `state`. */
  initial: TExperimentList;
}

/** "45 in total" in the list's header, from the same cache entry as the table. */
export function ExperimentsTotal({ state, initial }: Props) {
  const { data } = useExperimentList(state, initial);
  return (
    <span className={`${cardStyles.note} num`} data-testid="experiments-total">
      {formatInteger(data.total)} in total
    </span>
  );
}

/** The list itself, kept current while experiments train: the table and pages, or the empty state that fits. */
export function ExperimentsListView({ state, initial }: Props) {
  const { data: list, error } = useExperimentList(state, initial);
  const { data: session } = useSession();
  // "All projects" names each row's project once there is more than one to tell apart
  const showProject =
    state.project === null && ((session?.projects.length ?? 0) > 1 || new Set(list.items.map((e) => e.project.slug)).size > 1);
  const refreshFailed = errorMessage(error);
  const filtered = hasFilters(state);
  return (
    <>
      {refreshFailed ? <ReadError what="the list" message={refreshFailed} stale /> : null}
      {list.items.length === 0 ? (
        filtered && list.total === 0 ? (
          <StatePanel
            title="No matching experiments"
            action={
              <Link className={buttonStyles.button} href={clearFiltersHref(state)}>
                Clear filters
              </Link>
            }
          >
            No experiment matches {describeFilters(state).join(', ')}.
          </StatePanel>
        ) : state.page > 1 && list.total > 0 ? (
          <StatePanel
            title="Nothing on this page"
            action={
              <Link className={buttonStyles.button} href={pageHref(state, 1)}>
                Back to the first page
              </Link>
            }
          >
            {list.total === 1 ? 'The one matching experiment is' : `The ${formatInteger(list.total)} matching experiments are`} on earlier
            pages.
          </StatePanel>
        ) : (
          <StatePanel
            title={state.project ? `No experiments in project '${state.project}' yet` : 'No experiments yet'}
            action={
              <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href={projectPath('/experiments/new', state.project)}>
                Launch your first search
              </Link>
            }
          >
            An experiment searches a space of hyperparameters (grid, random, ASHA, Hyperband or TPE), trains every trial with k-fold
            cross-validation and plots the curves live. Runs logged from code (POST /runs) gather here too, under their experiment&apos;s
            name.
          </StatePanel>
        )
      ) : (
        <>
          <ExperimentsTable
            experiments={list.items}
            showProject={showProject}
            sorting={{ sort: state.sort, order: state.order, href: (field) => sortHref(state, field) }}
          />
          {list.total > EXPERIMENTS_PAGE_SIZE || state.page > 1 ? (
            <Pagination page={state.page} pageSize={EXPERIMENTS_PAGE_SIZE} total={list.total} href={(p) => pageHref(state, p)} />
          ) : null}
        </>
      )}
    </>
  );
}
