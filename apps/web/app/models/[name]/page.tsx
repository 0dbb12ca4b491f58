// GET /models/:name?project → one registered model of the project (a name is unique within a project only; none: the API's default project): its versions (run, dataset, scores, parameters, download), its aliases with "Set alias", and predictions by alias.
import type { TRegisteredModelDetail } from '@atelier/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RegisteredModelView } from '@/components/registry/registered-model-view';
import { ApiErrorCard } from '@/components/ui/api-error-card';
import { isApiError } from '@/lib/api-client';
import { inProject, projectOfSearchParams, projectPath } from '@/lib/project-scope';
import { serverApi } from '@/lib/server-api';

type Params = Promise<{ name: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeURIComponent(name) };
}

export default async function RegisteredModelPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const name = decodeURIComponent((await params).name);
  const project = projectOfSearchParams(await searchParams);
  let model: TRegisteredModelDetail;
  try {
    model = await (await serverApi()).getRegisteredModel(name, inProject({}, project));
  } catch (error) {
    // an invalid name names nothing, like an unknown one
    if (isApiError(error) && (error.status === 404 || error.status === 400)) notFound();
    if (!isApiError(error)) throw error;
    return (
      <ApiErrorCard
        title="Cannot load this registered model"
        error={error}
        retryHref={projectPath(`/models/${encodeURIComponent(name)}`, project)}
      />
    );
  }
  // the same name may exist in two projects: the key tells them apart
  return <RegisteredModelView key={`${model.project.slug}/${model.name}`} initial={model} />;
}
