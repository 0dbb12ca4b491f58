// GET /trials/:id → fold curves, test and out-of-fold evaluations, stored models, refit, and "try it".
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TrialView } from '@/components/trials/trial-view';
import { ApiErrorCard } from '@/components/ui/api-error-card';
import { isApiError } from '@/lib/api-client';
import { serverApi } from '@/lib/server-api';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  try {
    const trial = await (await serverApi()).getTrial(id);
    return { title: `Trial ${trial.number}` };
  } catch {
    return { title: 'Trial' };
  }
}

export default async function TrialPage({ params }: { params: Params }) {
  const { id } = await params;
  const api = await serverApi();
  let loaded;
  try {
    loaded = await Promise.all([api.getTrial(id), api.compareTrials([id]), api.getTrialEvaluations(id), api.listTrialModels(id)]);
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    if (!isApiError(error)) throw error;
    return <ApiErrorCard title="Cannot load this trial" error={error} retryHref={`/trials/${encodeURIComponent(id)}`} />;
  }
  const [trial, comparison, evaluations, models] = loaded;
  const compared = comparison.trials[0];
  if (!compared) notFound();
  return <TrialView key={trial.id} trial={trial} compared={compared} evaluations={evaluations.items} models={models.items} />;
}
