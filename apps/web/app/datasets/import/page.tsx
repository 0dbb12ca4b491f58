// GET /datasets/import → the upload form (CSV or IDX); the server validates every row and answers with what to fix.
import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportForm } from '@/components/datasets/import-form';

export const metadata: Metadata = { title: 'Import dataset' };

export default function ImportDatasetPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <div className="breadcrumb">
            <Link href="/datasets">Datasets</Link> / Import
          </div>
          <h1>Import a dataset</h1>
          <p>
            Grayscale images with integer labels, as CSV (the Kaggle layout: label, then one column per pixel) or as IDX files (the MNIST
            format). Every row is checked; nothing is stored unless all of it is valid.
          </p>
        </div>
      </div>
      <ImportForm />
    </>
  );
}
