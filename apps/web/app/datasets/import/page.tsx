// GET /datasets/import[?project=<slug>] → the upload form (CSV or IDX), importing in that project (else the remembered one, else the API's default); the server validates every row and answers with what to fix.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportForm } from '@/components/datasets/import-form';
import { projectOfSearchParams, projectPath } from '@/lib/project-scope';

export const metadata: Metadata = { title: 'Import dataset' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ImportDatasetPage({ searchParams }: { searchParams: SearchParams }) {
  const project = projectOfSearchParams(await searchParams);
  return (
    <>
      <div className="page-header">
        <div>
          <div className="breadcrumb">
            <Link href={projectPath('/datasets', project)}>Datasets</Link> / Import
          </div>
          <h1>Import a dataset</h1>
          <p>
            Grayscale images with integer labels, as CSV (the Kaggle layout: label, then one column per pixel) or as IDX files (the MNIST
            format). Every row is checked; nothing is stored unless all of it is valid.
          </p>
        </div>
      </div>
      <ImportForm project={project} />
    </>
  );
}
