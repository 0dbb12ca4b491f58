// GET /datasets?project → the builtin datasets and those imported in the switcher's project (or in every project), with their sizes; the way in to the explorer and to import.
import type { TDatasetSummary } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { DatasetsTable } from '@/components/datasets/datasets-table';
import { StatePanel } from '@/components/ui/state-panel';
import { inProject, projectOfSearchParams, projectPath } from '@/lib/project-scope';
import { serverApi } from '@/lib/server-api';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export const metadata: Metadata = { title: 'Datasets' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DatasetsPage({ searchParams }: { searchParams: SearchParams }) {
  const project = projectOfSearchParams(await searchParams);
  const api = await serverApi();
  let datasets: TDatasetSummary[] | null = null;
  let failure: string | null = null;
  try {
    datasets = await api.listDatasets(inProject({}, project));
  } catch (error) {
    failure = (error as Error).message;
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Datasets</h1>
          <p>Look at the data before training on it: samples, class balance, duplicates, mean images, where the signal is.</p>
        </div>
        <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href={projectPath('/datasets/import', project)}>
          Import dataset
        </Link>
      </div>
      <div className={cardStyles.card}>
        {failure !== null ? (
          <StatePanel
            tone="error"
            title="Cannot load datasets"
            detail={failure}
            action={
              <Link className={buttonStyles.button} href={projectPath('/datasets', project)}>
                Try again
              </Link>
            }
          >
            The Atelier API did not answer. Check that it is running and that ATELIER_API_URL points to it.
          </StatePanel>
        ) : datasets && datasets.length === 0 ? (
          <StatePanel
            title="No datasets"
            action={
              <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href={projectPath('/datasets/import', project)}>
                Import a dataset
              </Link>
            }
          >
            The builtin datasets appear here once the API has started.
          </StatePanel>
        ) : datasets ? (
          <DatasetsTable datasets={datasets} />
        ) : null}
      </div>
    </>
  );
}
