import type { TRunArtifact } from '@atelier/domain';
import { downloadUrls } from '@/lib/api-client';
import { formatCompact, formatDateTime } from '@/lib/format';
import tableStyles from '@/components/ui/table.module.css';
import cardStyles from '@/components/ui/card.module.css';

/** A run's files and models: name, type, size, when, checksum; each a download link. */
export function RunArtifacts({ runId, artifacts }: { runId: string; artifacts: readonly TRunArtifact[] }) {
  if (artifacts.length === 0) {
    return <p className={cardStyles.message}>No artifacts: files a run uploads (plots, checkpoints, models) are listed here.</p>;
  }
  return (
    <div className={tableStyles.scroll}>
      <table className={`${tableStyles.table} ${tableStyles.compact}`} data-testid="artifacts-table">
        <caption className="visually-hidden">Artifacts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col" className="align-right">
              Size
            </th>
            <th scope="col">Added</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((artifact) => {
            const name = artifact.name ?? (artifact.kind === 'model' ? 'model' : artifact.id);
            return (
              <tr key={artifact.id}>
                <td>
                  <a className="mono" href={downloadUrls.runArtifact(runId, artifact.id)} download>
                    {name}
                  </a>
                  {artifact.kind === 'model' ? <span className="muted"> · model</span> : null}
                </td>
                <td className="mono muted">{artifact.contentType ?? '—'}</td>
                <td className="align-right num" title={`${artifact.sizeBytes} bytes`}>
                  {formatCompact(artifact.sizeBytes)}B
                </td>
                <td className="num muted">{formatDateTime(artifact.createdAt)}</td>
                <td className="mono muted" title={artifact.sha256}>
                  {artifact.sha256.slice(0, 12)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
