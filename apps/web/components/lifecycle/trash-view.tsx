'use client';

import type { TTrashItem, TTrashList } from '@atelier/domain';
import { useRouter } from 'next/navigation';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { StatePanel } from '@/components/ui/state-panel';
import { usePendingAction } from '@/components/ui/use-pending-action';
import { browserApi } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './lifecycle.module.css';

/** The trash: what was deleted, newest first, each with Restore and Purge. */
export function TrashView({ trash }: { trash: TTrashList }) {
  if (trash.items.length === 0) {
    return (
      <div className={cardStyles.card}>
        <StatePanel title="The trash is empty">
          Deleted experiments and runs wait here for {trash.retentionDays} days before they are purged.
        </StatePanel>
      </div>
    );
  }
  return (
    <div className={cardStyles.card}>
      <p>Items are purged {trash.retentionDays} days after they were deleted: their rows, metrics, models and files.</p>
      <div className={tableStyles.scroll}>
        <table className={tableStyles.table} data-testid="trash-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Deleted</th>
              <th scope="col">Purged after</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {trash.items.map((item) => (
              <TrashRow key={`${item.kind}:${item.id}`} item={item} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function TrashRow({ item }: { item: TTrashItem }) {
  const router = useRouter();
  const restore = usePendingAction(
    () => browserApi.restoreFromTrash(item.kind, item.id),
    () => router.refresh(),
  );
  return (
    <tr data-trash-id={item.id} data-kind={item.kind}>
      <th scope="row">{item.name}</th>
      <td>{item.kind}</td>
      <td title={item.deletedAt}>{formatDateTime(item.deletedAt)}</td>
      <td title={item.purgeAfter}>{formatDateTime(item.purgeAfter)}</td>
      <td>
        <div className={styles.rowActions}>
          <button type="button" className={buttonStyles.button} onClick={() => void restore.run()} disabled={restore.busy}>
            {restore.busy ? 'Restoring…' : 'Restore'}
          </button>
          <ConfirmAction
            label="Purge"
            title={`Purge “${item.name}” for good?`}
            dismissLabel="Keep it"
            confirmLabel="Purge"
            busyLabel="Purging…"
            tone="danger"
            action={() => browserApi.purgeFromTrash(item.kind, item.id)}
            onDone={() => router.refresh()}
          >
            <p>Its rows, metric points, models and files are removed. This cannot be undone.</p>
          </ConfirmAction>
        </div>
        {restore.error ? (
          <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
            {restore.error}
          </div>
        ) : null}
      </td>
    </tr>
  );
}
