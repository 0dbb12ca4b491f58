'use client';

import { useId, useRef, type ReactNode } from 'react';
import { usePendingAction } from './use-pending-action';

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
export function ConfirmAction({ label, title, children, dismissLabel, confirmLabel, busyLabel, tone = 'default', action, onDone }: ConfirmActionProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { busy, error, run } = usePendingAction(action, () => {
    dialog.current?.close();
    onDone?.();
  });
  const danger = tone === 'danger';

  return (
    <>
      <button type="button" className={danger ? 'button button--danger' : 'button'} onClick={() => dialog.current?.showModal()}>
        {label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        {children}
        {error ? (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()} autoFocus>
            {dismissLabel}
          </button>
          <button type="button" className={danger ? 'button button--danger-solid' : 'button button--primary'} onClick={() => void run()} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
