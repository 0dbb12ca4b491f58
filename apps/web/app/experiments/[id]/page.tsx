// GET /experiments/:id → header, live learning curves and the trials table of one experiment.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { ExperimentLiveView } from '@/components/experiments/experiment-live-view';
import { defaultSelection } from '@/lib/trial-selection';
import { StatePanel } from '@/components/ui/state-panel';
import { isApiError } from '@/lib/api-client';
import { emptyMetrics } from '@/lib/live-state';
import { serverApi } from '@/lib/server-api';

type Params = Promise<{ id: string }>;

/**
 * One overview per request, shared by the metadata and the page. The overview is bounded (a big
 * search lists only its watched trials), and only the curves the charts show first are loaded:
 * the page stays light with 10,000 trials.
 */
const loadOverview = cache(async (id: string) => (await serverApi()).getExperimentOverview(id));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  try {
    return { title: (await loadOverview(id)).name };
  } catch {
    return { title: 'Experiment' };
  }
}

export default async function ExperimentPage({ params }: { params: Params }) {
  const { id } = await params;
  let loaded;
  try {
    const experiment = await loadOverview(id);
    const shown = [...defaultSelection(experiment.trials)].sort((a, b) => a - b);
    const api = await serverApi();
    const [metrics, dataset] = await Promise.all([
      shown.length ? api.getExperimentMetrics(id, shown) : emptyMetrics(id),
      // the dataset's import warnings are repeated here; without the list the page still works
      api.listDatasets().then(
        (datasets) => datasets.find((d) => d.key === experiment.dataset) ?? null,
        () => null,
      ),
    ]);
    loaded = { experiment, metrics, dataset };
  } catch (error) {
    // a malformed id is as absent as an unknown one
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    if (!isApiError(error)) throw error;
    // API errors carry a message for the user; production error boundaries would hide it
    return (
      <div className="card">
        <StatePanel
          tone="error"
          title="Cannot load this experiment"
          detail={error.message}
          action={
            <div className="toolbar" style={{ justifyContent: 'center' }}>
              <Link className="button button--primary" href={`/experiments/${encodeURIComponent(id)}`}>
                Try again
              </Link>
              <Link className="button" href="/experiments">
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
  // key: another experiment gets a fresh live state, not an update of this one
  return <ExperimentLiveView key={loaded.experiment.id} experiment={loaded.experiment} metrics={loaded.metrics} dataset={loaded.dataset} />;
}
