import type { ReactNode } from 'react';
import alertStyles from './alert.module.css';
import styles from './state-panel.module.css';

interface StatePanelProps {
  title: string;
  children?: ReactNode;
  detail?: string;
  action?: ReactNode;
  tone?: 'empty' | 'error';
  /** h1 where the panel is the whole page (not found); h2 inside a page that has its own heading. */
  headingLevel?: 1 | 2;
}

/** Empty and error states: what happened, and what to do next. */
export function StatePanel({ title, children, detail, action, tone = 'empty', headingLevel = 2 }: StatePanelProps) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <div className={styles.state} data-state={tone} role={tone === 'error' ? 'alert' : undefined}>
      <Heading>{title}</Heading>
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

/** A read under way with nothing to show yet (a table's first page, a chart's series). */
export function LoadingNote({ children }: { children: ReactNode }) {
  return (
    <p className={styles.loading} role="status">
      {children}
    </p>
  );
}

interface ReadErrorProps {
  /** What could not be read, as the sentence names it: "the runs", "the experiment". */
  what: string;
  message: string;
  /** The last data received stays on screen: a warning that it may be old, not an error in its place. */
  stale?: boolean;
  /** Inside a card or table frame: kept off its edges. */
  inset?: boolean;
}

/** A failed read from the query cache: what, and the API's reason; the page keeps whatever it had. */
export function ReadError({ what, message, stale = false, inset = false }: ReadErrorProps) {
  const place = inset ? ` ${styles.inset}` : '';
  return stale ? (
    <div className={`${alertStyles.alert} ${alertStyles.warn}${place}`} role="status">
      Could not refresh {what}: {message}. Showing the last data received.
    </div>
  ) : (
    <div className={`${alertStyles.alert} ${alertStyles.error}${place}`} role="alert">
      Could not load {what}: {message}
    </div>
  );
}
