'use client';

import { ConfirmAction } from '@/components/ui/confirm-action';
import { browserApi } from '@/lib/api-client';
import { useExperimentAction } from './use-experiment-action';

interface CancelExperimentButtonProps {
  experimentId: string;
  experimentName: string;
}

/** Cancel with a confirmation dialog: a cancelled search cannot be resumed. */
export function CancelExperimentButton({ experimentId, experimentName }: CancelExperimentButtonProps) {
  const cancel = useExperimentAction(experimentId, () => browserApi.cancelExperiment(experimentId));
  return (
    <ConfirmAction
      label="Cancel experiment"
      title={`Cancel “${experimentName}”?`}
      dismissLabel="Keep running"
      confirmLabel="Cancel experiment"
      busyLabel="Cancelling…"
      tone="danger"
      action={() => cancel.mutateAsync()}
    >
      <p>Running trials stop after their current batch and queued trials never start. Finished trials and their metrics are kept.</p>
    </ConfirmAction>
  );
}
