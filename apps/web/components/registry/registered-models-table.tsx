import type { TRegisteredModelSummary } from '@atelier/domain';
import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { projectPath } from '@/lib/project-scope';
import tableStyles from '@/components/ui/table.module.css';
import styles from './registry.module.css';

/** The registry's list: a name, its latest version, where its aliases point. */
export function RegisteredModelsTable({ models }: { models: readonly TRegisteredModelSummary[] }) {
  return (
    <div className={tableStyles.scroll}>
      <table className={tableStyles.table} data-testid="registered-models-table">
        <caption className="visually-hidden">Registered models</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="align-right">
              Versions
            </th>
            <th scope="col" className="align-right">
              Latest
            </th>
            <th scope="col">Aliases</th>
            <th scope="col">Description</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr key={m.id} data-name={m.name}>
              <td>
                <Link className={tableStyles.name} href={projectPath(`/models/${encodeURIComponent(m.name)}`, m.project.slug)}>
                  {m.name}
                </Link>
              </td>
              <td className="align-right num">{m.versionCount}</td>
              <td className="align-right num">{m.latestVersion === null ? '—' : `v${m.latestVersion}`}</td>
              <td>
                {m.aliases.length === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  <span className={styles.aliases}>
                    {m.aliases.map((a) => (
                      <span key={a.alias} className={styles.alias}>
                        {a.alias} → v{a.version}
                      </span>
                    ))}
                  </span>
                )}
              </td>
              <td>{m.description || <span className="muted">—</span>}</td>
              <td>{formatDateTime(m.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
