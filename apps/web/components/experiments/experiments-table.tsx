import type { TExperimentSummary } from '@atelier/domain';
import Link from 'next/link';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatAccuracyWithStd, formatDateTime } from '@/lib/format';

/** Trials that reached an end state, whatever it was. */
export function finishedTrials(experiment: TExperimentSummary): number {
  const counts = experiment.trialCounts;
  return (counts.completed ?? 0) + (counts.failed ?? 0) + (counts.cancelled ?? 0);
}

export function ExperimentsTable({ experiments }: { experiments: readonly TExperimentSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Experiments, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Dataset</th>
            <th scope="col">Status</th>
            <th scope="col">Trials done</th>
            <th scope="col" className="align-right">
              Best val. accuracy
            </th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {experiments.map((experiment) => {
            const done = finishedTrials(experiment);
            const share = experiment.trialCount ? done / experiment.trialCount : 0;
            return (
              <tr key={experiment.id}>
                <td>
                  <Link className="table__name" href={`/experiments/${experiment.id}`}>
                    {experiment.name}
                  </Link>
                  {experiment.description ? <div className="table__sub">{experiment.description}</div> : null}
                </td>
                <td className="mono">{experiment.dataset}</td>
                <td>
                  <StatusBadge status={experiment.status} />
                </td>
                <td>
                  <ProgressBar
                    value={share}
                    name={`${experiment.name}: trials done`}
                    label={`${done} / ${experiment.trialCount}`}
                    tone={experiment.status === 'running' || experiment.status === 'queued' ? 'running' : experiment.status}
                  />
                </td>
                <td className="align-right num">
                  {experiment.bestTrial ? (
                    <span title={`Trial ${experiment.bestTrial.number}`}>
                      {/* a spread of exactly 0 comes from a single holdout split: nothing to show */}
                      {formatAccuracyWithStd(experiment.bestTrial.meanValAccuracy, experiment.bestTrial.stdValAccuracy || null)}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="num muted">{formatDateTime(experiment.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
