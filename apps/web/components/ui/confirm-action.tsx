'use client';

import { useId, useRef, type ReactNode } from 'react';
import { usePendingAction } from './use-pending-action';
import alertStyles from './alert.module.css';
import buttonStyles from './button.module.css';
import styles from './confirm-action.module.css';

interface ConfirmActionProps {
  /** The button that opens the dialog. */
  label: string;
  title: ReactNode;
  /** What the action does, said before the user commits to it. */
  children: ReactNode;
  /** Closes the dialog, doing nothing; it has the focus, so Enter never acts by accident. */
  dismissLabel: string;
  confirmLabel: string;
  busyLabel: string;
  /** danger: red buttons, for what cannot be undone. */
  tone?: 'default' | 'danger';
  action: () => Promise<unknown>;
  /** After the action succeeded and the dialog closed. */
  onDone?: () => void;
}

/** A button that asks first in a modal dialog, and shows the API's refusal inside it. */
export function ConfirmAction({
  label,
  title,
  children,
  dismissLabel,
  confirmLabel,
  busyLabel,
  tone = 'default',
  action,
  onDone,
}: ConfirmActionProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { busy, error, run } = usePendingAction(action, () => {
    dialog.current?.close();
    onDone?.();
  });
  const danger = tone === 'danger';

  return (
    <>
      <button
        type="button"
        className={danger ? `${buttonStyles.button} ${buttonStyles.danger}` : buttonStyles.button}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        {children}
        {error ? (
          <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
            {error}
          </div>
        ) : null}
        <div className={styles.actions}>
          <button type="button" className={buttonStyles.button} onClick={() => dialog.current?.close()} autoFocus>
            {dismissLabel}
          </button>
          <button
            type="button"
            className={`${buttonStyles.button} ${danger ? buttonStyles.dangerSolid : buttonStyles.primary}`}
            onClick={() => void run()}
            disabled={busy}
          >
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
