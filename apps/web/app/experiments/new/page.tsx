// GET /experiments/new → the launch form, with datasets and architectures loaded on the server.
import type { TArchitectureSummary, TDatasetSummary } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ExperimentForm } from '@/components/experiments/experiment-form';
import { StatePanel } from '@/components/ui/state-panel';
import { serverApi } from '@/lib/server-api';

export const metadata: Metadata = { title: 'New experiment' };

export default async function NewExperimentPage() {
  const api = await serverApi();
  let data: { datasets: TDatasetSummary[]; architectures: TArchitectureSummary[] } | null = null;
  let failure: string | null = null;
  try {
    const [datasets, architectures] = await Promise.all([api.listDatasets(), api.listArchitectures()]);
    data = { datasets, architectures };
  } catch (error) {
    failure = (error as Error).message;
  }

  return (
    <>
      <div className="page-header">
        <div>
          <div className="breadcrumb">
            <Link href="/experiments">Experiments</Link> / New
          </div>
          <h1>New experiment</h1>
          <p>Define a grid of hyperparameters; every combination is trained and cross-validated.</p>
        </div>
      </div>
      {data ? (
        <ExperimentForm datasets={data.datasets} architectures={data.architectures} />
      ) : (
        <div className="card">
          <StatePanel
            tone="error"
            title="Cannot load datasets and architectures"
            detail={failure ?? undefined}
            action={
              <Link className="button" href="/experiments/new">
                Try again
              </Link>
            }
          >
            The form needs the API to list what can be trained. Check that the API is running.
          </StatePanel>
        </div>
      )}
    </>
  );
}
