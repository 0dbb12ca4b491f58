import type { TDatasetSummary } from '@atelier/domain';
import Link from 'next/link';
import { formatDateTime, formatInteger } from '@/lib/format';
import tableStyles from '@/components/ui/table.module.css';

export function DatasetsTable({ datasets }: { datasets: readonly TDatasetSummary[] }) {
  return (
    <div className={tableStyles.scroll}>
      <table className={tableStyles.table} data-testid="datasets-table">
        <caption className="visually-hidden">Datasets</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Kind</th>
            <th scope="col" className="align-right">
              Classes
            </th>
            <th scope="col" className="align-right">
              Train
            </th>
            <th scope="col" className="align-right">
              Test
            </th>
            <th scope="col">Image</th>
            <th scope="col">Files</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((d) => (
            <tr key={d.id} data-key={d.key}>
              <td>
                <Link className={tableStyles.name} href={`/datasets/${encodeURIComponent(d.key)}`}>
                  {d.name}
                </Link>
              </td>
              <td className="mono">{d.key}</td>
              <td>{d.kind === 'builtin' ? 'Builtin' : `Imported (${d.format.toUpperCase()})`}</td>
              <td className="align-right num">{d.classNames.length}</td>
              <td className="align-right num" data-testid="train-size">
                {formatInteger(d.trainSize)}
              </td>
              <td className="align-right num" data-testid="test-size">
                {formatInteger(d.testSize)}
              </td>
              <td className="num">{`${d.imageShape[0]}×${d.imageShape[1]}`}</td>
              <td>{d.available ? 'Available' : <span className="muted">Not found on the server</span>}</td>
              <td>{d.kind === 'builtin' ? '—' : formatDateTime(d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
