'use client';

import type { TTrashKind } from '@atelier/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { usePendingAction } from '@/components/ui/use-pending-action';
import { browserApi } from '@/lib/api-client';
import buttonStyles from '@/components/ui/button.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import styles from './lifecycle.module.css';

interface LifecycleActionsProps {
  kind: TTrashKind;
  id: string;
  name: string;
  archivedAt: string | null;
  /** A search still queued, running or paused: deleting it cancels it first, and the dialog says so. */
  cancelsSearch?: boolean;
}

/** Archive (or unarchive) and Delete to the trash, for an experiment's or a run's page. */
export function LifecycleActions({ kind, id, name, archivedAt, cancelsSearch = false }: LifecycleActionsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const archived = archivedAt !== null;
  const toggle = usePendingAction(
    () => (archived ? browserApi.unarchive(kind, id) : browserApi.archive(kind, id)),
    () => {
      // the page's own reads (the experiment, its runs) carry archivedAt: read them again
      void queryClient.invalidateQueries();
      router.refresh();
    },
  );
  const what = kind === 'experiment' ? 'experiment' : 'run';
  return (
    <div className={styles.actions} data-testid="lifecycle-actions">
      {archived ? (
        <span className={styles.archivedNote} data-testid="archived-note" title={archivedAt}>
          Archived: left out of the {what} lists
        </span>
      ) : null}
      <button type="button" className={buttonStyles.button} onClick={() => void toggle.run()} disabled={toggle.busy}>
        {toggle.busy ? (archived ? 'Unarchiving…' : 'Archiving…') : archived ? 'Unarchive' : 'Archive'}
      </button>
      <ConfirmAction
        label="Delete"
        title={`Move “${name}” to the trash?`}
        dismissLabel="Keep it"
        confirmLabel="Move to trash"
        busyLabel="Deleting…"
        tone="danger"
        action={() => browserApi.moveToTrash(kind, id)}
        onDone={() => router.push('/trash')}
      >
        <p>
          {cancelsSearch ? 'The search is cancelled first: running trials stop after their current batch. ' : ''}
          It disappears from every page and stays in the trash, with its metrics, files and models, until it is restored or purged
          (automatically after the retention period).
        </p>
      </ConfirmAction>
      {toggle.error ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          {toggle.error}
        </div>
      ) : null}
    </div>
  );
}
