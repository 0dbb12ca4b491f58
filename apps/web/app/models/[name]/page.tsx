// GET /models/:name → one registered model: its versions (run, dataset, scores, parameters, download), its aliases with "Set alias", and predictions by alias.
import type { TRegisteredModelDetail } from '@atelier/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RegisteredModelView } from '@/components/registry/registered-model-view';
import { ApiErrorCard } from '@/components/ui/api-error-card';
import { isApiError } from '@/lib/api-client';
import { serverApi } from '@/lib/server-api';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeURIComponent(name) };
}

export default async function RegisteredModelPage({ params }: { params: Params }) {
  const name = decodeURIComponent((await params).name);
  let model: TRegisteredModelDetail;
  try {
    model = await (await serverApi()).getRegisteredModel(name);
  } catch (error) {
    // an invalid name names nothing, like an unknown one
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    if (!isApiError(error)) throw error;
    return <ApiErrorCard title="Cannot load this registered model" error={error} retryHref={`/models/${encodeURIComponent(name)}`} />;
  }
  return <RegisteredModelView key={model.name} initial={model} />;
}
