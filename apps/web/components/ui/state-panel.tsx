import type { ReactNode } from 'react';
import styles from './state-panel.module.css';

interface StatePanelProps {
  title: string;
  children?: ReactNode;
  detail?: string;
  action?: ReactNode;
  tone?: 'empty' | 'error';
}

/** Empty and error states: what happened, and what to do next. */
export function StatePanel({ title, children, detail, action, tone = 'empty' }: StatePanelProps) {
  return (
    <div className={styles.state} data-state={tone} role={tone === 'error' ? 'alert' : undefined}>
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
      {detail ? (
        <div>
          <code className={styles.detail}>{detail}</code>
        </div>
      ) : null}
      {action ? <div className={styles.actions}>{action}</div> : null}
    </div>
  );
}
