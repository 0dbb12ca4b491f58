// GET /experiments?sort&order&status&dataset&strategy&q&page → the experiments, sorted and filtered by the API, paginated; an error state when the API is down.
import { EXPERIMENT_STATUSES, isTrainingNow, type TDatasetSummary, type TExperimentList } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '@/components/experiments/auto-refresh';
import { ExperimentFilters } from '@/components/experiments/experiment-filters';
import { ExperimentsTable } from '@/components/experiments/experiments-table';
import { Pagination } from '@/components/experiments/pagination';
import { StatePanel } from '@/components/ui/state-panel';
import {
  clearFiltersHref,
  describeFilters,
  EXPERIMENTS_PAGE_SIZE,
  hasFilters,
  listHref,
  listQuery,
  pageHref,
  parseListState,
  sortHref,
  statusHref,
} from '@/components/experiments/experiment-list';
import { formatInteger } from '@/lib/format';
import { serverApi } from '@/lib/server-api';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import styles from '@/components/experiments/experiments.module.css';

export const metadata: Metadata = { title: 'Experiments' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ExperimentsPage({ searchParams }: { searchParams: SearchParams }) {
  const state = parseListState(await searchParams);

  const api = await serverApi();
  let list: TExperimentList | null = null;
  let failure: string | null = null;
  // the dataset select is a convenience: without the list, the page still works (the URL's dataset stays offered)
  const datasets = api.listDatasets().catch((): TDatasetSummary[] => []);
  try {
    list = await api.listExperiments(listQuery(state));
  } catch (error) {
    failure = (error as Error).message;
  }
  const filtered = hasFilters(state);
  const singleStatus = state.status.length === 1 ? state.status[0] : undefined;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p>Hyperparameter searches with cross-validation, and runs logged from code. Sort by any column; filter by status, dataset, strategy or text.</p>
        </div>
        <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/experiments/new">
          New experiment
        </Link>
      </div>
      <div className={cardStyles.card}>
        <div className={cardStyles.header}>
          <nav className={styles.filterTabs} aria-label="Filter by status">
            <Link href={statusHref(state, null)} aria-current={state.status.length === 0 ? 'page' : undefined}>
              All
            </Link>
            {EXPERIMENT_STATUSES.map((s) => (
              <Link key={s} href={statusHref(state, s)} aria-current={singleStatus === s ? 'page' : undefined}>
                {s}
              </Link>
            ))}
          </nav>
          {list ? (
            <span className={`${cardStyles.note} num`} data-testid="experiments-total">
              {formatInteger(list.total)} in total
            </span>
          ) : null}
        </div>
        <ExperimentFilters state={state} datasets={await datasets} />
        {failure !== null ? (
          <StatePanel
            tone="error"
            title="Cannot load experiments"
            detail={failure}
            action={
              <Link className={buttonStyles.button} href={listHref(state)}>
                Try again
              </Link>
            }
          >
            The Atelier API did not answer. Check that it is running and that ATELIER_API_URL points to it.
          </StatePanel>
        ) : list && list.items.length === 0 ? (
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
              {list.total === 1 ? 'The one matching experiment is' : `The ${formatInteger(list.total)} matching experiments are`} on earlier pages.
            </StatePanel>
          ) : (
            <StatePanel
              title="No experiments yet"
              action={
                <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/experiments/new">
                  Launch your first search
                </Link>
              }
            >
              An experiment searches a space of hyperparameters (grid, random, ASHA, Hyperband or TPE), trains every trial with k-fold
              cross-validation and plots the curves live. Runs logged from code (POST /runs) gather here too, under their experiment&apos;s name.
            </StatePanel>
          )
        ) : list ? (
          <>
            <AutoRefresh active={list.items.some((item) => isTrainingNow(item.status))} />
            <ExperimentsTable experiments={list.items} sorting={{ sort: state.sort, order: state.order, href: (field) => sortHref(state, field) }} />
            {list.total > EXPERIMENTS_PAGE_SIZE || state.page > 1 ? (
              <Pagination page={state.page} pageSize={EXPERIMENTS_PAGE_SIZE} total={list.total} href={(p) => pageHref(state, p)} />
            ) : null}
          </>
        ) : null}
      </div>
    </>
  );
}
