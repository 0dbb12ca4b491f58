import type { ReactNode } from 'react';
import tableStyles from '@/components/ui/table.module.css';
import styles from './chart-data-table.module.css';

/** A row of a chart's data: the first cell names it (a trial, an epoch, a class), the others are its plotted values, already formatted. */
export interface ChartDataRow {
  key: string;
  cells: readonly ReactNode[];
}

export interface ChartDataTableProps {
  /** What the chart plots, as its caption: "Accuracy curves". */
  caption: string;
  /** A heading per column, the row's name first. */
  columns: readonly string[];
  rows: readonly ChartDataRow[];
  /** Rows after the data (totals), set apart in a tfoot. */
  footer?: readonly ChartDataRow[];
  /** Shown as it is (a chart whose table is part of the page) instead of folded in a "Data table" disclosure. */
  open?: boolean;
  /** For aria-describedby on the chart it stands for. */
  id?: string;
  'data-testid'?: string;
}

/**
 * The text alternative of every chart: the values it plots as a table, folded under "Data table"
 * by default so a screen reader or keyboard user reads (and a sighted user checks) the numbers a
 * drawing only shows by position and colour.
 */
export function ChartDataTable({
  caption,
  columns,
  rows,
  footer,
  open = false,
  id,
  'data-testid': testId = 'chart-data-table',
}: ChartDataTableProps) {
  const row = (r: ChartDataRow) => (
    <tr key={r.key}>
      {r.cells.map((cell, i) =>
        i === 0 ? (
          <th scope="row" key={i}>
            {cell}
          </th>
        ) : (
          <td key={i} className="align-right num">
            {cell}
          </td>
        ),
      )}
    </tr>
  );
  // a region that scrolls must take the focus, or a keyboard cannot scroll it (a 10-class matrix is wider than its card)
  const table = (
    <div className={open ? tableStyles.scroll : styles.scroll} role="region" aria-label={`${caption}, data table`} tabIndex={0}>
      <table className={`${tableStyles.table} ${tableStyles.compact}`} id={id} data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th scope="col" key={column} className={i === 0 ? undefined : 'align-right'}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
        {footer && footer.length > 0 ? <tfoot>{footer.map(row)}</tfoot> : null}
      </table>
    </div>
  );
  if (open) return table;
  return (
    <details className={styles.details}>
      <summary className={styles.summary}>
        Data table<span className="visually-hidden">: {caption}</span>
      </summary>
      {table}
    </details>
  );
}
