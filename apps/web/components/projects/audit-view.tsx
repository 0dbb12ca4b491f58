'use client';

import { browserAuth, type AuthClient } from '@/lib/auth-client';
import { formatDateTime } from '@/lib/format';
import { errorMessage } from '@/lib/query-client';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import tableStyles from '@/components/ui/table.module.css';
import { useAudit } from './use-projects';

/** Every write in a project: who (and with which token), what, when, and the answer's status. Owners only (the API says so). */
export function AuditView({ slug, auth = browserAuth }: { slug: string; auth?: AuthClient }) {
  const audit = useAudit(slug, auth);
  const events = audit.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section className={cardStyles.card} aria-labelledby="audit-title">
      <div className={cardStyles.header}>
        <h2 id="audit-title">Audit log</h2>
      </div>
      {audit.error ? (
        <ReadError what="the audit log" message={errorMessage(audit.error) ?? ''} stale={audit.data !== undefined} inset />
      ) : null}
      {audit.isPending ? (
        <LoadingNote>Loading the audit log…</LoadingNote>
      ) : events.length === 0 && !audit.error ? (
        <p className={cardStyles.message}>No writes yet.</p>
      ) : (
        <div className={tableStyles.scroll}>
          <table className={tableStyles.table} data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.at)}</td>
                  <td>
                    {event.user?.email ?? '—'}
                    {event.tokenId ? <span className="muted"> (token {event.tokenId.slice(0, 8)})</span> : null}
                  </td>
                  <td className="mono">
                    {event.method} {event.route}
                  </td>
                  <td className="mono">{event.target ?? event.path}</td>
                  <td className="num">{event.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage ? (
        <div className={cardStyles.body}>
          <button
            type="button"
            className={buttonStyles.button}
            disabled={audit.isFetchingNextPage}
            onClick={() => void audit.fetchNextPage()}
          >
            {audit.isFetchingNextPage ? 'Loading…' : 'Older events'}
          </button>
        </div>
      ) : null}
    </section>
  );
}
