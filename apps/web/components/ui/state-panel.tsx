import type { ReactNode } from 'react';

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
    <div className={`state state--${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      <Heading>{title}</Heading>
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
