'use client';

import { TIE_RULE, type TLeaderboard } from '@atelier/domain';
import Link from 'next/link';
import { ImportanceChart } from '@/components/charts/importance-chart';
import { ParallelCoordinates } from '@/components/charts/parallel-coordinates';
import { Num } from '@/components/ui/num';
import { CompareToggle } from '@/components/trials/compare-toggle';
import { DivergedBadge, TiedBadge } from '@/components/ui/trust-badges';
import { formatHyperparameterValue, hyperparameterColumn, recordedHyperparameters } from '@/lib/compare';
import { formatInteger } from '@/lib/format';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import tableStyles from '@/components/ui/table.module.css';
import styles from './experiments.module.css';

/** Rows asked of the leaderboard: the table shows 10, the parallel-coordinates plot draws up to this many. */
export const PARALLEL_LINES = 500;

interface Props {
  board: TLeaderboard | null;
  error: string | null;
  experimentName: string;
  /** ASHA: the rung the importance and parallel-coordinates views use (null: the API's default). */
  onRungChange?: (rung: number) => void;
  /** The parallel-coordinates brush: trial numbers inside it, or null. */
  onBrushChange?: (numbers: number[] | null) => void;
}

/**
 * The ranked trials (ties with the best and diverged runs marked), parameter importance with its
 * uncertainty, and the parallel-coordinates plot, from GET /experiments/:id/leaderboard; under
 * ASHA the two views read one rung's scores, chosen here.
 */
export function LeaderboardSection({ board, error, experimentName, onRungChange, onBrushChange }: Props) {
  if (!board) {
    return (
      <section className={cardStyles.card}>
        {error ? <ReadError what="the leaderboard" message={error} inset /> : <LoadingNote>Loading the leaderboard…</LoadingNote>}
      </section>
    );
  }
  if (board.rows.length === 0) return null;
  const view = board.view;
  const atRung = view.rung !== null ? ` at rung ${view.rung} (${view.epochs} epoch${view.epochs === 1 ? '' : 's'})` : '';
  const bestNumber = board.ties.bestTrialNumber;
  const top = board.rows.slice(0, 10);
  const columns = recordedHyperparameters(top);
  return (
    <>
      <section className={cardStyles.card} aria-labelledby="leaderboard-title">
        <div className={cardStyles.header}>
          <h2 id="leaderboard-title">Leaderboard</h2>
          <span className={cardStyles.note}>
            {top.length < board.scoredTrials
              ? `Top ${top.length} of ${formatInteger(board.scoredTrials)} scored trials`
              : `${board.scoredTrials} scored trials`}
            , by mean validation accuracy
          </span>
        </div>
        <p className={styles.tieRule} data-testid="tie-rule">
          {board.ties.tiedTrialNumbers.length
            ? `${formatInteger(board.ties.tiedTrialNumbers.length)} trial${board.ties.tiedTrialNumbers.length === 1 ? ' is' : 's are'} tied with #${bestNumber}: `
            : `No trial is tied with #${bestNumber}: `}
          tied means {TIE_RULE}.
        </p>
        <div className={tableStyles.scroll}>
          <table className={`${tableStyles.table} ${tableStyles.compact}`} data-testid="leaderboard">
            <caption className="visually-hidden">Trials ranked by mean validation accuracy</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Trial</th>
                {columns.map((name) => (
                  <th scope="col" key={name} className={hyperparameterColumn(name).numeric ? 'align-right' : undefined}>
                    {hyperparameterColumn(name).header}
                  </th>
                ))}
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
                <tr key={row.trialId} className={row.rank === 1 ? tableStyles.best : undefined} data-best={row.rank === 1 || undefined}>
                  <td className="num">{row.rank}</td>
                  <td className="num">
                    <Link href={`/trials/${row.trialId}`}>#{row.number}</Link>
                    {row.rung !== null ? <span className="muted"> · rung {row.rung}</span> : null}
                    {row.tiedWithBest && bestNumber !== null ? <TiedBadge bestNumber={bestNumber} /> : null}
                    <DivergedBadge reason={row.diverged} />
                  </td>
                  {columns.map((name) => (
                    <td
                      key={name}
                      className={name === 'architecture' ? 'mono' : hyperparameterColumn(name).numeric ? 'align-right num' : undefined}
                    >
                      {/* the epochs behind the score (a rung's under ASHA) */}
                      {name === 'epochs' ? row.epochs : formatHyperparameterValue(name, row.hyperparameters[name])}
                    </td>
                  ))}
                  <td className="align-right num">
                    <Num value={row.parameterCount} kind="compact" />
                  </td>
                  <td className="align-right num">
                    <Num value={row.meanValAccuracy} std={row.stdValAccuracy} kind="accuracy" />
                  </td>
                  <td className="align-right num">
                    <Num value={row.meanValLoss} />
                  </td>
                  <td>
                    <CompareToggle id={row.trialId} label={`${experimentName} #${row.number}`} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className={cardStyles.card} aria-labelledby="importance-title">
        <div className={cardStyles.header}>
          <h2 id="importance-title">Parameter importance</h2>
          {board.rungs && board.rungs.length > 0 ? (
            <label className={`${fieldStyles.field} ${fieldStyles.inline}`}>
              <span className={fieldStyles.label}>Scores at</span>
              <select
                className={`${fieldStyles.select} ${fieldStyles.autoWidth}`}
                value={view.rung ?? 0}
                onChange={(e) => onRungChange?.(Number(e.target.value))}
                data-testid="rung-select"
              >
                {board.rungs.map((r) => (
                  <option key={r.rung} value={r.rung}>
                    rung {r.rung} · {r.epochs} epoch{r.epochs === 1 ? '' : 's'} · {formatInteger(r.trials)} trials
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div className={cardStyles.body} data-testid="importance-chart">
          <ImportanceChart importance={view.importance} scoreName={`mean validation accuracy${atRung}`} width={760} />
        </div>
      </section>
      <section className={cardStyles.card} aria-labelledby="parallel-title">
        <div className={cardStyles.header}>
          <h2 id="parallel-title">Hyperparameters vs score</h2>
          {atRung ? <span className={cardStyles.note}>Scores{atRung}; epochs is the rung, not a searched choice</span> : null}
        </div>
        <div className={cardStyles.body} data-testid="parallel-coordinates">
          <ParallelCoordinates
            key={view.rung ?? 'all'}
            points={view.points}
            dimensions={view.dimensions}
            total={view.totalPoints}
            limit={PARALLEL_LINES}
            scoreLabel={`Val. accuracy${view.rung !== null ? ` (rung ${view.rung})` : ''}`}
            onBrushChange={onBrushChange}
          />
        </div>
      </section>
    </>
  );
}
