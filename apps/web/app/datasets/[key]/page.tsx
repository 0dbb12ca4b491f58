// GET /datasets/:key → the explorer: facts, class distribution, samples, data quality, mean images and the η heatmap.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ClassDistributionChart } from '@/components/datasets/class-distribution-chart';
import { CorrelationHeatmap } from '@/components/datasets/correlation-heatmap';
import { DataQualityPanel } from '@/components/datasets/data-quality-panel';
import { DatasetWarnings } from '@/components/datasets/dataset-warnings';
import { MeanImageGrid } from '@/components/datasets/mean-image-grid';
import { SampleExplorer } from '@/components/datasets/sample-explorer';
import { StatePanel } from '@/components/ui/state-panel';
import { isApiError } from '@/lib/api-client';
import { SAMPLE_GRID_SIZE } from '@/lib/datasets-client';
import { formatDateTime, formatInteger } from '@/lib/format';
import { serverDatasets } from '@/lib/server-datasets';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import factsStyles from '@/components/ui/facts.module.css';

type Params = Promise<{ key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { key } = await params;
  return { title: key };
}

export default async function DatasetPage({ params }: { params: Params }) {
  const { key } = await params;
  const client = await serverDatasets();
  let loaded;
  try {
    // the detail first: it computes (and caches) the analysis the next three read
    const detail = await client.getDataset(key);
    const [means, correlation, samples] = await Promise.all([
      client.getMeanImages(key),
      client.getCorrelation(key),
      client.getSamples(key, { split: 'train', count: SAMPLE_GRID_SIZE, seed: 0 }),
    ]);
    loaded = { detail, means, correlation, samples };
  } catch (error) {
    if (isApiError(error) && error.status === 404) notFound();
    if (!isApiError(error)) throw error;
    return (
      <div className={cardStyles.card}>
        <StatePanel
          tone="error"
          title={error.code === 'dataset_unavailable' ? 'The files of this dataset are not available' : 'Cannot load this dataset'}
          detail={error.message}
          action={
            <div className="toolbar">
              <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href={`/datasets/${encodeURIComponent(key)}`}>
                Try again
              </Link>
              <Link className={buttonStyles.button} href="/datasets">
                All datasets
              </Link>
            </div>
          }
        >
          {error.code === 'dataset_unavailable'
            ? 'The server looked for the files and did not find valid ones; the message says where.'
            : 'The Atelier API did not answer as expected. Check that it is running.'}
        </StatePanel>
      </div>
    );
  }

  const { detail, means, correlation, samples } = loaded;
  const d = detail.dataset;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <div className="breadcrumb">
            <Link href="/datasets">Datasets</Link> / {d.key}
          </div>
          <h1>{d.name}</h1>
          <p>
            {detail.description ?? `Imported ${formatDateTime(d.createdAt)} from ${d.format.toUpperCase()}.`}
            {detail.homepage ? (
              <>
                {' '}
                <a href={detail.homepage} rel="noreferrer" target="_blank">
                  Homepage
                </a>
              </>
            ) : null}
          </p>
        </div>
        <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/experiments/new">
          New experiment
        </Link>
      </div>

      <DatasetWarnings warnings={d.warnings} />

      <div className={cardStyles.card}>
        <dl className={factsStyles.facts}>
          <Fact label="Train images" value={formatInteger(d.trainSize)} testId="fact-train" />
          <Fact label="Test images" value={formatInteger(d.testSize)} testId="fact-test" />
          <Fact label="Classes" value={String(d.classNames.length)} />
          <Fact label="Image size" value={`${d.imageShape[0]}×${d.imageShape[1]} grayscale`} />
          <Fact label="Kind" value={d.kind === 'builtin' ? 'Builtin' : `Imported (${d.format.toUpperCase()})`} />
        </dl>
      </div>

      <section className={cardStyles.card} aria-labelledby="distribution-title">
        <div className={cardStyles.header}>
          <h2 id="distribution-title">Class distribution</h2>
        </div>
        <div className={cardStyles.body}>
          <ClassDistributionChart classNames={d.classNames} distribution={detail.classDistribution} />
        </div>
      </section>

      <section className={cardStyles.card} aria-labelledby="samples-title">
        <div className={cardStyles.header}>
          <h2 id="samples-title">Samples</h2>
        </div>
        <div className={cardStyles.body}>
          <SampleExplorer datasetKey={d.key} classNames={d.classNames} initial={samples} />
        </div>
      </section>

      <section className={cardStyles.card} aria-labelledby="quality-title">
        <div className={cardStyles.header}>
          <h2 id="quality-title">Data quality</h2>
          <span className={cardStyles.note}>Every image checked in {formatInteger(detail.computedInMs)} ms</span>
        </div>
        <div className={cardStyles.body}>
          <DataQualityPanel detail={detail} />
        </div>
      </section>

      <div className="charts">
        <section className={cardStyles.card} aria-labelledby="means-title">
          <div className={cardStyles.header}>
            <h2 id="means-title">Mean image per class</h2>
          </div>
          <div className={cardStyles.body}>
            <MeanImageGrid means={means} size={80} />
          </div>
        </section>
        <section className={cardStyles.card} aria-labelledby="correlation-title">
          <div className={cardStyles.header}>
            <h2 id="correlation-title">Pixel–label correlation</h2>
          </div>
          <div className={cardStyles.body}>
            <CorrelationHeatmap map={correlation} size={280} />
          </div>
        </section>
      </div>
    </div>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
