// GET /experiments/new[?project=<slug>][&from=<experiment id>] → the launch form, with the project's datasets, architectures
// and registered models loaded on the server; `from` fills it in with that experiment's request (a fresh seed, "… (copy)").
import type { TArchitectureSummary, TDatasetSummary, TRegisteredModelSummary } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ExperimentForm } from '@/components/experiments/experiment-form';
import { StatePanel } from '@/components/ui/state-panel';
import { isApiError } from '@/lib/api-client';
import { drawSeed, formStateFromExperiment, type ExperimentFormState } from '@/components/experiments/experiment-form-state';
import { inProject, projectOfSearchParams, projectPath } from '@/lib/project-scope';
import { serverApi } from '@/lib/server-api';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export const metadata: Metadata = { title: 'New experiment' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewExperimentPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const raw = params['from'];
  const project = projectOfSearchParams(params);
  const inTheProject = inProject({}, project);
  const from = typeof raw === 'string' && raw.trim() ? raw.trim() : null;
  const api = await serverApi();
  // drawn here, not in the browser, so the server render and hydration show the same seed
  const seed = drawSeed();
  let data: { datasets: TDatasetSummary[]; architectures: TArchitectureSummary[]; registeredModels: TRegisteredModelSummary[] } | null =
    null;
  let initial: ExperimentFormState | undefined;
  let source: { id: string; name: string } | null = null;
  let failure: string | null = null;
  let missing: string | null = null;
  /** `from` names a tracked experiment: runs logged from code carry no search request to copy. */
  let tracked = false;
  try {
    const [datasets, architectures, registered, experiment] = await Promise.all([
      api.listDatasets(inTheProject),
      api.listArchitectures(inTheProject),
      api.listRegisteredModels(inTheProject),
      from
        ? api.getExperiment(from).catch((error: unknown) => {
            if (isApiError(error) && (error.status === 404 || error.status === 400)) return null;
            throw error;
          })
        : null,
    ]);
    data = { datasets, architectures, registeredModels: registered.items };
    if (experiment?.kind === 'search') {
      initial = formStateFromExperiment(experiment, seed);
      source = { id: experiment.id, name: experiment.name };
    } else if (from) {
      missing = from;
      tracked = experiment !== null;
    }
  } catch (error) {
    failure = (error as Error).message;
  }

  return (
    <>
      <div className="page-header">
        <div>
          <div className="breadcrumb">
            <Link href={projectPath('/experiments', project)}>Experiments</Link> / New
          </div>
          <h1>New experiment</h1>
          {source ? (
            <p data-testid="cloned-from">
              From <Link href={`/experiments/${encodeURIComponent(source.id)}`}>{source.name}</Link>: the same request with a fresh seed.
              Change what you want to try next.
            </p>
          ) : null}
        </div>
      </div>
      {missing ? (
        <div className={`${alertStyles.alert} ${alertStyles.warn}`} role="status">
          {tracked ? (
            'That experiment holds runs logged from code, not a search: there is no search request to start from, so the form shows the defaults.'
          ) : (
            <>There is no experiment &lsquo;{missing}&rsquo; to start from: the form shows the defaults.</>
          )}
        </div>
      ) : null}
      {data ? (
        <ExperimentForm
          datasets={data.datasets}
          architectures={data.architectures}
          registeredModels={data.registeredModels}
          seed={seed}
          initial={initial}
          project={project}
        />
      ) : (
        <div className={cardStyles.card}>
          <StatePanel
            tone="error"
            title="Cannot load datasets and architectures"
            detail={failure ?? undefined}
            action={
              <Link className={buttonStyles.button} href={from ? `/experiments/new?from=${encodeURIComponent(from)}` : '/experiments/new'}>
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
