import type { ReactNode } from 'react';

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
