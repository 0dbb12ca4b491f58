// GET /runs/:id → one run, searched or logged: status, curves per metric key (live while it goes), evaluations (confusion matrix, per-class scores), parameters, tags, notes, artifacts.
import type { TEvaluation, TRunArtifact, TRunDetail, TRunMetrics } from '@atelier/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { LifecycleActions } from '@/components/lifecycle/lifecycle-actions';
import { RunView } from '@/components/runs/run-view';
import { ApiErrorCard } from '@/components/ui/api-error-card';
import { RUN_CHART_POINTS } from '@/components/runs/use-run-live';
import { isApiError } from '@/lib/api-client';
import { serverApi } from '@/lib/server-api';

type Params = Promise<{ id: string }>;

const loadRun = cache(async (id: string) => (await serverApi()).getRun(id));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  try {
    const run = await loadRun(id);
    return { title: run.name ?? `Run ${run.number}` };
  } catch {
    return { title: 'Run' };
  }
}

export default async function RunPage({ params }: { params: Params }) {
  const { id } = await params;
  const api = await serverApi();
  let run: TRunDetail;
  try {
    run = await loadRun(id);
  } catch (error) {
    // a malformed id is as absent as an unknown one
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    if (!isApiError(error)) throw error;
    return <ApiErrorCard title="Cannot load this run" error={error} retryHref={`/runs/${encodeURIComponent(id)}`} />;
  }
  // the curves, evaluations and files are secondary: without them the page still shows the run (and retries the curves)
  const [metrics, artifacts, evaluations] = await Promise.all([
    api.getRunMetrics(id, { points: RUN_CHART_POINTS }).catch((): TRunMetrics | null => null),
    api.listRunArtifacts(id).catch((): TRunArtifact[] => run.artifacts),
    api.getRunEvaluations(id).then(
      (list) => list.items,
      (): TEvaluation[] => [],
    ),
  ]);
  return (
    <>
      {run.source === 'tracked' ? (
        <LifecycleActions kind="run" id={run.id} name={run.name ?? `Run ${run.number}`} archivedAt={run.archivedAt} />
      ) : null}
      <RunView key={run.id} run={run} metrics={metrics} artifacts={artifacts} evaluations={evaluations} />
    </>
  );
}
