import type { TProjectUsage, TStorageTally } from '@atelier/domain';
import Link from 'next/link';
import { formatCompact, formatInteger } from '@/lib/format';
import cardStyles from '@/components/ui/card.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './lifecycle.module.css';

const ROWS: { label: string; value: (tally: TStorageTally) => string }[] = [
  { label: 'Experiments', value: (t) => formatInteger(t.experiments) },
  { label: 'Runs', value: (t) => formatInteger(t.runs) },
  { label: 'Metric points', value: (t) => formatInteger(t.metricPoints) },
  { label: 'Evaluations', value: (t) => formatInteger(t.evaluations) },
  { label: 'Models', value: (t) => `${formatInteger(t.models)} (${formatCompact(t.modelBytes)}B)` },
  { label: 'Files', value: (t) => `${formatInteger(t.files)} (${formatCompact(t.fileBytes)}B)` },
];

/**
 * The project's disk usage (GET /usage): everything it stores beside what the trash holds, which
 * is what purging it (or the sweep after the retention period) frees, and the heaviest experiments.
 */
export function UsagePanel({ usage }: { usage: TProjectUsage }) {
  const heaviest = usage.experiments.slice(0, 10);
  return (
    <section className={cardStyles.card} aria-labelledby="usage-title" data-testid="usage-panel">
      <div className={cardStyles.header}>
        <h2 id="usage-title">Storage</h2>
      </div>
      <div className={tableStyles.scroll}>
        <table className={tableStyles.table} data-testid="usage-table">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col" className="align-right">
                Stored
              </th>
              <th scope="col" className="align-right">
                In the trash (purging frees)
              </th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td className="align-right num">{row.value(usage.total)}</td>
                <td className="align-right num">{row.value(usage.trash)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {heaviest.length > 0 ? (
        <>
          <h3 className={styles.usageHeading}>Largest experiments</h3>
          <div className={tableStyles.scroll}>
            <table className={tableStyles.table} data-testid="usage-experiments">
              <thead>
                <tr>
                  <th scope="col">Experiment</th>
                  <th scope="col" className="align-right">
                    Runs
                  </th>
                  <th scope="col" className="align-right">
                    Metric points
                  </th>
                  <th scope="col" className="align-right">
                    Models and files
                  </th>
                </tr>
              </thead>
              <tbody>
                {heaviest.map((experiment) => (
                  <tr key={experiment.id}>
                    <th scope="row">
                      {experiment.deletedAt ? (
                        <>
                          {experiment.name} <span className="muted">(in the trash)</span>
                        </>
                      ) : (
                        <Link href={`/experiments/${experiment.id}`}>{experiment.name}</Link>
                      )}
                    </th>
                    <td className="align-right num">{formatInteger(experiment.runs)}</td>
                    <td className="align-right num">{formatInteger(experiment.metricPoints)}</td>
                    <td className="align-right num">{formatCompact(experiment.modelBytes + experiment.fileBytes)}B</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
