// GET /experiments/:id → a search: header, live learning curves and the trials table; a tracked experiment: its runs table (?filter=&sort=).
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { canExperiment } from '@atelier/domain';
import { ExperimentLiveView } from '@/components/experiments/experiment-live-view';
import { LifecycleActions } from '@/components/lifecycle/lifecycle-actions';
import { TrackedExperimentView } from '@/components/runs/tracked-experiment-view';
import { defaultSelection } from '@/components/experiments/trial-selection';
import { StatePanel } from '@/components/ui/state-panel';
import { isApiError } from '@/lib/api-client';
import { loadExperimentPage } from '@/components/experiments/experiment-page';
import { emptyMetrics } from '@/components/experiments/live-state';
import { runsStateFromParams } from '@/components/runs/runs-table-state';
import { makeQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { serverApi } from '@/lib/server-api';
import { tableQuery } from '@/components/experiments/trial-table';
import { selectionFromParams, tableStateFromParams } from '@/components/experiments/trial-url-state';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * One load per request, shared by the metadata and the page. A search's overview is bounded (a
 * big search lists only its watched trials), and only the curves the charts show first are
 * loaded: the page stays light with 10,000 trials. A tracked experiment loads the first page of
 * its runs for the filter and sort in the URL.
 */
const loadPage = cache(async (id: string, runsQuery: string) =>
  loadExperimentPage(await serverApi(), id, runsStateFromParams(new URLSearchParams(runsQuery))),
);

const runsQueryOf = (query: Record<string, string | string[] | undefined>) => {
  const state = runsStateFromParams(query);
  return new URLSearchParams({ filter: state.filter, sort: state.sort ? `${state.sort.field} ${state.sort.direction}` : '' }).toString();
};

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams?: SearchParams }): Promise<Metadata> {
  const { id } = await params;
  try {
    const page = await loadPage(id, runsQueryOf((await searchParams) ?? {}));
    return { title: page.kind === 'search' ? page.overview.name : page.experiment.name };
  } catch {
    return { title: 'Experiment' };
  }
}

export default async function ExperimentPage({ params, searchParams }: { params: Params; searchParams?: SearchParams }) {
  const { id } = await params;
  const query = (await searchParams) ?? {};
  // the curves and table the URL names (a reload, a shared link), else the defaults
  const selection = selectionFromParams(query);
  const table = tableStateFromParams(query);
  // The trials table's first page goes into the query cache here, read at the same time as the
  // overview (it needs only the id and the URL): the rows arrive in the HTML, and the browser's
  // first request for them, which waited for hydration and then for the charts' first render
  // (1.7 s of the 2.8 s at 100,000 trials), is gone. A failed read is not dehydrated: the table
  // then asks again in the browser and shows why.
  const queries = makeQueryClient();
  const api = await serverApi();
  const firstPage = tableQuery(table);
  const trialsRead = queries
    // no retries here: the browser retries, without holding up the page
    .query({ queryKey: queryKeys.experiments.trialsPage(id, firstPage), queryFn: () => api.listTrials(id, firstPage), retry: false })
    .catch(() => null);
  // the dataset's import warnings are repeated here; without the list the page still works
  const datasetsRead = api.listDatasets().catch(() => null);
  let loaded;
  try {
    const page = await loadPage(id, runsQueryOf(query));
    if (page.kind === 'tracked') {
      loaded = { kind: 'tracked' as const, page };
    } else {
      const experiment = page.overview;
      const shown = [...(selection ?? defaultSelection(experiment.trials))].sort((a, b) => a - b);
      const [metrics, datasets] = await Promise.all([
        shown.length ? api.getExperimentMetrics(id, shown) : emptyMetrics(id),
        datasetsRead,
        trialsRead,
      ]);
      const dataset = datasets?.find((d) => d.key === experiment.dataset) ?? null;
      loaded = { kind: 'search' as const, experiment, metrics, dataset };
    }
  } catch (error) {
    // a malformed id is as absent as an unknown one
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    if (!isApiError(error)) throw error;
    // API errors carry a message for the user; production error boundaries would hide it
    return (
      <div className={cardStyles.card}>
        <StatePanel
          tone="error"
          title="Cannot load this experiment"
          detail={error.message}
          action={
            <div className="toolbar">
              <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href={`/experiments/${encodeURIComponent(id)}`}>
                Try again
              </Link>
              <Link className={buttonStyles.button} href="/experiments">
                All experiments
              </Link>
            </div>
          }
        >
          The Atelier API did not answer as expected. Check that it is running.
        </StatePanel>
      </div>
    );
  }
  if (loaded.kind === 'tracked') {
    const { page } = loaded;
    return (
      <TrackedExperimentView key={page.experiment.id} experiment={page.experiment} runs={page.runs} table={runsStateFromParams(query)} />
    );
  }
  // key: another experiment gets a fresh live state, not an update of this one
  return (
    <HydrationBoundary state={dehydrate(queries)}>
      <LifecycleActions
        kind="experiment"
        id={loaded.experiment.id}
        name={loaded.experiment.name}
        archivedAt={loaded.experiment.archivedAt}
        cancelsSearch={canExperiment('cancel', loaded.experiment.status)}
      />
      <ExperimentLiveView
        key={loaded.experiment.id}
        experiment={loaded.experiment}
        metrics={loaded.metrics}
        dataset={loaded.dataset}
        selection={selection}
        table={table}
      />
    </HydrationBoundary>
  );
}
