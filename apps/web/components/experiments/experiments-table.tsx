import {
  describeTally,
  doneShare,
  isTrainingNow,
  tallyTrials,
  type TExperimentSortField,
  type TExperimentSummary,
  type TSortOrder,
} from '@atelier/domain';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LoggedFromCodeBadge } from '@/components/runs/source-badge';
import { Num } from '@/components/ui/num';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { SORT_LABELS } from './experiment-list';
import { formatDateTime, formatInteger } from '@/lib/format';
import { projectPath } from '@/lib/project-scope';
import tableStyles from '@/components/ui/table.module.css';

/** The list's current order and the link that sorts by a column (the URL holds the state). */
export interface TableSorting {
  sort: TExperimentSortField;
  order: TSortOrder;
  href: (field: TExperimentSortField) => string;
}

const ORDER_WORDS: Record<TSortOrder, 'ascending' | 'descending'> = { asc: 'ascending', desc: 'descending' };

interface Props {
  experiments: readonly TExperimentSummary[];
  /** Without it the headers are plain text. */
  sorting?: TableSorting;
  /** A Project column, for a list of several projects' experiments ("All projects"). */
  showProject?: boolean;
}

export function ExperimentsTable({ experiments, sorting, showProject = false }: Props) {
  const header = (field: TExperimentSortField, label: string, className?: string): ReactNode => {
    if (!sorting) {
      return (
        <th scope="col" className={className}>
          {label}
        </th>
      );
    }
    const active = sorting.sort === field;
    return (
      <th scope="col" className={className} aria-sort={active ? ORDER_WORDS[sorting.order] : undefined}>
        {/* a link, not a button: the order is part of the URL, so it works without JavaScript and can be shared */}
        <Link className={tableStyles.sortButton} href={sorting.href(field)} scroll={false} title={`Sort by ${SORT_LABELS[field]}`}>
          {label}
          <span aria-hidden="true">{active ? (sorting.order === 'asc' ? ' ↑' : ' ↓') : ' ↕'}</span>
        </Link>
      </th>
    );
  };
  return (
    <div className={tableStyles.scroll}>
      <table className={tableStyles.table}>
        <caption className="visually-hidden">
          {sorting ? `Experiments, sorted by ${SORT_LABELS[sorting.sort]}, ${ORDER_WORDS[sorting.order]}` : 'Experiments'}
        </caption>
        <thead>
          <tr>
            {header('name', 'Name')}
            {showProject ? <th scope="col">Project</th> : null}
            {header('dataset', 'Dataset')}
            {header('status', 'Status')}
            {header('trialCount', 'Trials / runs')}
            {header('bestValAccuracy', 'Best val. accuracy', 'align-right')}
            {header('createdAt', 'Created')}
            {header('finishedAt', 'Finished')}
          </tr>
        </thead>
        <tbody>
          {experiments.map((experiment) => {
            const tally = tallyTrials(experiment.trialCounts, experiment.trialCount);
            const tracked = experiment.kind === 'tracked';
            return (
              <tr key={experiment.id} data-kind={experiment.kind}>
                <td>
                  <Link className={tableStyles.name} href={`/experiments/${experiment.id}`}>
                    {experiment.name}
                  </Link>
                  {tracked ? (
                    <>
                      {' '}
                      <LoggedFromCodeBadge />
                    </>
                  ) : null}
                  {experiment.description ? <div className={tableStyles.sub}>{experiment.description}</div> : null}
                </td>
                {showProject ? (
                  <td data-testid="experiment-project">
                    <Link
                      href={projectPath('/experiments', experiment.project.slug)}
                      title={`Only ${experiment.project.name}'s experiments`}
                    >
                      {experiment.project.name}
                    </Link>
                  </td>
                ) : null}
                <td className="mono">{experiment.dataset ?? <span className="muted">—</span>}</td>
                <td>
                  <StatusBadge status={experiment.status} />
                </td>
                <td>
                  {tracked ? (
                    // runs logged from code have no plan to be a share of: their count, and how many still go
                    <span className="num" data-testid="run-count">
                      {formatInteger(experiment.trialCount)} {experiment.trialCount === 1 ? 'run' : 'runs'}
                      {experiment.trialCounts.running ? (
                        <span className="muted"> · {formatInteger(experiment.trialCounts.running)} running</span>
                      ) : null}
                    </span>
                  ) : (
                    <ProgressBar
                      value={doneShare(tally)}
                      name={`${experiment.name}: trials done`}
                      label={describeTally(tally)}
                      tone={isTrainingNow(experiment.status) ? 'running' : experiment.status}
                    />
                  )}
                </td>
                <td className="align-right num">
                  {experiment.bestTrial ? (
                    <span title={`Trial ${experiment.bestTrial.number}`}>
                      {/* a spread of exactly 0 comes from a single holdout split: nothing to show */}
                      <Num value={experiment.bestTrial.meanValAccuracy} std={experiment.bestTrial.stdValAccuracy || null} kind="accuracy" />
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num muted">{formatDateTime(experiment.createdAt)}</td>
                <td className="num muted">{formatDateTime(experiment.finishedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
