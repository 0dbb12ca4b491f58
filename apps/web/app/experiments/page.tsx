// GET /experiments?project&sort&order&status&dataset&strategy&q&page → the experiments (of the switcher's project, or every project), sorted and filtered by the API, paginated; an error state when the API is down.
import { EXPERIMENT_STATUSES, type TDatasetSummary, type TExperimentList } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ExperimentFilters } from '@/components/experiments/experiment-filters';
import { ExperimentsListView, ExperimentsTotal } from '@/components/experiments/experiments-list-view';
import { StatePanel } from '@/components/ui/state-panel';
import { listHref, listQuery, parseListState, statusHref } from '@/components/experiments/experiment-list';
import { inProject, projectPath } from '@/lib/project-scope';
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
  const datasets = api.listDatasets(inProject({}, state.project)).catch((): TDatasetSummary[] => []);
  try {
    list = await api.listExperiments(listQuery(state));
  } catch (error) {
    failure = (error as Error).message;
  }
  const singleStatus = state.status.length === 1 ? state.status[0] : undefined;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p>
            Hyperparameter searches with cross-validation, and runs logged from code. Sort by any column; filter by status, dataset,
            strategy or text.
          </p>
        </div>
        <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href={projectPath('/experiments/new', state.project)}>
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
          {list ? <ExperimentsTotal state={state} initial={list} /> : null}
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
        ) : list ? (
          <ExperimentsListView state={state} initial={list} />
        ) : null}
      </div>
    </>
  );
}
