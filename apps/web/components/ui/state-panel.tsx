import type { CSSProperties, ReactNode } from 'react';

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
    <div className={`state state--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
      {detail ? (
        <div>
          <code className="state__detail">{detail}</code>
        </div>
      ) : null}
      {action}
    </div>
  );
}

/** A read under way with nothing to show yet (a table's first page, a chart's series). */
export function LoadingNote({ children }: { children: ReactNode }) {
  return (
    <p className="muted" role="status" style={{ padding: '12px 18px', margin: 0 }}>
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
  style?: CSSProperties;
}

/** A failed read from the query cache: what, and the API's reason; the page keeps whatever it had. */
export function ReadError({ what, message, stale = false, style }: ReadErrorProps) {
  return stale ? (
    <div className="alert alert--warn" role="status" style={style}>
      Could not refresh {what}: {message}. Showing the last data received.
    </div>
  ) : (
    <div className="alert alert--error" role="alert" style={style}>
      Could not load {what}: {message}
    </div>
  );
}
