'use client';

import type { TLeaderboard } from '@atelier/domain';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { ImportanceChart } from '@/components/charts/importance-chart';
import { ParallelCoordinates } from '@/components/charts/parallel-coordinates';
import { Num } from '@/components/ui/num';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { formatHyperparameter, formatInteger } from '@/lib/format';
import { CompareToggle } from '@/components/trials/compare-toggle';

/** Rows asked of the leaderboard: the table shows 10, the parallel-coordinates plot draws up to this many. */
const PARALLEL_LINES = 500;

interface Props {
  experimentId: string;
  experimentName: string;
  /** Changes whenever a trial gets a score: the leaderboard is fetched again. */
  version: string;
  api?: ApiClient;
}

/** The ranked trials, parameter importance and the parallel-coordinates plot, from GET /experiments/:id/leaderboard. */
export function LeaderboardSection({ experimentId, experimentName, version, api = browserApi }: Props) {
  const [board, setBoard] = useState<TLeaderboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.getLeaderboard(experimentId, PARALLEL_LINES).then(
      (data) => current && (setBoard(data), setError(null)),
      (cause: unknown) => current && setError((cause as Error).message),
    );
    return () => {
      current = false;
    };
  }, [api, experimentId, version]);

  if (!board) {
    return (
      <section className="card">
        <div className="card__body muted">{error ? `Could not load the leaderboard: ${error}` : 'Loading the leaderboard…'}</div>
      </section>
    );
  }
  if (board.rows.length === 0) return null;
  const top = board.rows.slice(0, 10);
  return (
    <>
      <section className="card" aria-labelledby="leaderboard-title">
        <div className="card__header">
          <h2 id="leaderboard-title">Leaderboard</h2>
          <span className="muted" style={{ fontSize: '0.85rem' }}>
            {top.length < board.scoredTrials ? `Top ${top.length} of ${formatInteger(board.scoredTrials)} scored trials` : `${board.scoredTrials} scored trials`}, by mean
            validation accuracy
          </span>
        </div>
        <div className="table-scroll">
          <table className="table table--compact" data-testid="leaderboard">
            <caption className="visually-hidden">Trials ranked by mean validation accuracy</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Trial</th>
                <th scope="col">Architecture</th>
                <th scope="col" className="align-right">
                  Batch
                </th>
                <th scope="col" className="align-right">
                  Epochs
                </th>
                <th scope="col">Activation</th>
                <th scope="col">Optimizer</th>
                <th scope="col" className="align-right">
                  LR
                </th>
                <th scope="col" className="align-right">
                  Momentum
                </th>
                <th scope="col" className="align-right">
                  Params
                </th>
                <th scope="col" className="align-right">
                  Mean val. acc. ± std
                </th>
                <th scope="col" className="align-right">
                  Val. loss
                </th>
                <th scope="col">Compare</th>
              </tr>
            </thead>
            <tbody>
              {top.map((row) => (
                <tr key={row.trialId} className={row.rank === 1 ? 'row--best' : undefined}>
                  <td className="num">{row.rank}</td>
                  <td className="num">
                    <Link href={`/trials/${row.trialId}`}>#{row.number}</Link>
                    {row.rung !== null ? <span className="muted"> · rung {row.rung}</span> : null}
                  </td>
                  <td className="mono">{row.hyperparameters.architecture}</td>
                  <td className="align-right num">{row.hyperparameters.batchSize}</td>
                  <td className="align-right num">{row.epochs}</td>
                  <td>{row.hyperparameters.activation}</td>
                  <td>{row.hyperparameters.optimizer}</td>
                  <td className="align-right num">{formatHyperparameter(row.hyperparameters.learningRate)}</td>
                  <td className="align-right num">{formatHyperparameter(row.hyperparameters.momentum)}</td>
                  <td className="align-right num"><Num value={row.parameterCount} kind="compact" /></td>
                  <td className="align-right num"><Num value={row.meanValAccuracy} std={row.stdValAccuracy} kind="accuracy" /></td>
                  <td className="align-right num"><Num value={row.meanValLoss} /></td>
                  <td>
                    <CompareToggle id={row.trialId} label={`${experimentName} #${row.number}`} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="charts">
        <section className="card" aria-labelledby="importance-title">
          <div className="card__header">
            <h2 id="importance-title">Parameter importance</h2>
          </div>
          <div className="card__body" data-testid="importance-chart">
            <ImportanceChart importance={board.importance} />
          </div>
        </section>
        <section className="card" aria-labelledby="parallel-title">
          <div className="card__header">
            <h2 id="parallel-title">Hyperparameters vs score</h2>
          </div>
          <div className="card__body" data-testid="parallel-coordinates">
            <ParallelCoordinates rows={board.rows} total={board.scoredTrials} limit={PARALLEL_LINES} />
          </div>
        </section>
      </div>
    </>
  );
}
