// GET /experiments?page&status → the experiments, newest first, paginated; an error state when the API is down.
import { EXPERIMENT_STATUSES, type TExperimentList, type TExperimentStatus } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AutoRefresh } from '@/components/experiments/auto-refresh';
import { ExperimentsTable } from '@/components/experiments/experiments-table';
import { Pagination } from '@/components/experiments/pagination';
import { StatePanel } from '@/components/ui/state-panel';
import { serverApi } from '@/lib/server-api';

export const metadata: Metadata = { title: 'Experiments' };

const PAGE_SIZE = 20;

type SearchParams = Promise<{ page?: string | string[]; status?: string | string[] }>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ExperimentsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(first(params.page) ?? '1', 10) || 1);
  const rawStatus = first(params.status);
  const status = (EXPERIMENT_STATUSES as readonly string[]).includes(rawStatus ?? '') ? (rawStatus as TExperimentStatus) : undefined;

  const api = await serverApi();
  let list: TExperimentList | null = null;
  let failure: string | null = null;
  try {
    list = await api.listExperiments({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, status });
  } catch (error) {
    failure = (error as Error).message;
  }

  const href = (target: { page?: number; status?: TExperimentStatus | undefined }) => {
    const query = new URLSearchParams();
    if (target.status) query.set('status', target.status);
    if (target.page && target.page > 1) query.set('page', String(target.page));
    const qs = query.toString();
    return `/experiments${qs ? `?${qs}` : ''}`;
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p>Grid searches with cross-validation, newest first.</p>
        </div>
        <Link className="button button--primary" href="/experiments/new">
          New experiment
        </Link>
      </div>
      <div className="card">
        <div className="card__header">
          <nav className="filter-tabs" aria-label="Filter by status">
            <Link href={href({})} aria-current={!status ? 'page' : undefined}>
              All
            </Link>
            {EXPERIMENT_STATUSES.map((s) => (
              <Link key={s} href={href({ status: s })} aria-current={status === s ? 'page' : undefined} style={{ textTransform: 'capitalize' }}>
                {s}
              </Link>
            ))}
          </nav>
          {list ? <span className="muted num" style={{ fontSize: '0.85rem' }}>{list.total} in total</span> : null}
        </div>
        {failure !== null ? (
          <StatePanel
            tone="error"
            title="Cannot load experiments"
            detail={failure}
            action={
              <Link className="button" href={href({ page, status })}>
                Try again
              </Link>
            }
          >
            The Atelier API did not answer. Check that it is running and that ATELIER_API_URL points to it.
          </StatePanel>
        ) : list && list.items.length === 0 ? (
          status || page > 1 ? (
            <StatePanel title="Nothing here" action={<Link className="button" href={href({})}>Show all experiments</Link>}>
              No {status ?? ''} experiments{page > 1 ? ' on this page' : ''}.
            </StatePanel>
          ) : (
            <StatePanel
              title="No experiments yet"
              action={
                <Link className="button button--primary" href="/experiments/new">
                  Launch your first grid search
                </Link>
              }
            >
              An experiment searches a grid of hyperparameters, trains every combination with k-fold cross-validation and plots the
              curves live.
            </StatePanel>
          )
        ) : list ? (
          <>
            <AutoRefresh active={list.items.some((item) => item.status === 'queued' || item.status === 'running')} />
            <ExperimentsTable experiments={list.items} />
            {list.total > PAGE_SIZE || page > 1 ? (
              <Pagination page={page} pageSize={PAGE_SIZE} total={list.total} href={(p) => href({ page: p, status })} />
            ) : null}
          </>
        ) : null}
      </div>
    </>
  );
}
