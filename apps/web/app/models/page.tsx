// GET /models?project → the model registry: every registered model (of the switcher's project, or of every project), its latest version and where its aliases point.
import type { TRegisteredModelSummary } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { RegisteredModelsTable } from '@/components/registry/registered-models-table';
import { StatePanel } from '@/components/ui/state-panel';
import { inProject, projectOfSearchParams, projectPath } from '@/lib/project-scope';
import { serverApi } from '@/lib/server-api';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export const metadata: Metadata = { title: 'Models' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ModelsPage({ searchParams }: { searchParams: SearchParams }) {
  const project = projectOfSearchParams(await searchParams);
  const api = await serverApi();
  let models: TRegisteredModelSummary[] | null = null;
  let failure: string | null = null;
  try {
    models = (await api.listRegisteredModels(inProject({}, project))).items;
  } catch (error) {
    failure = (error as Error).message;
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Models</h1>
          <p>Registered models: numbered versions of stored models, and aliases such as production that name the one to serve.</p>
        </div>
      </div>
      <div className={cardStyles.card}>
        {failure !== null ? (
          <StatePanel
            tone="error"
            title="Cannot load the model registry"
            detail={failure}
            action={
              <Link className={buttonStyles.button} href={projectPath('/models', project)}>
                Try again
              </Link>
            }
          >
            The Atelier API did not answer. Check that it is running and that ATELIER_API_URL points to it.
          </StatePanel>
        ) : models && models.length === 0 ? (
          <StatePanel
            title="No registered models"
            action={
              <Link className={buttonStyles.button} href={projectPath('/experiments', project)}>
                Experiments
              </Link>
            }
          >
            Open a finished experiment and use &quot;Register model&quot; on its best model, or POST /registered-models from a script.
          </StatePanel>
        ) : models ? (
          <RegisteredModelsTable models={models} />
        ) : null}
      </div>
    </>
  );
}
