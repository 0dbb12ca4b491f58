// GET /experiments/:id → header, live learning curves and the trials table of one experiment.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ExperimentLiveView } from '@/components/experiments/experiment-live-view';
import { isApiError } from '@/lib/api-client';
import { serverApi } from '@/lib/server-api';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  try {
    const experiment = await (await serverApi()).getExperiment(id);
    return { title: experiment.name };
  } catch {
    return { title: 'Experiment' };
  }
}

export default async function ExperimentPage({ params }: { params: Params }) {
  const { id } = await params;
  const api = await serverApi();
  try {
    const [experiment, metrics] = await Promise.all([api.getExperiment(id), api.getExperimentMetrics(id)]);
    // key: a different experiment is a fresh live state, not an update of this one
    return <ExperimentLiveView key={experiment.id} experiment={experiment} metrics={metrics} />;
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || (error.status === 400 && error.code !== 'api_unreachable'))) notFound();
    throw error;
  }
}
