import type { TLeaderboardRow } from '@atelier/domain';
import { HYPERPARAMETER_LABELS } from '@/lib/compare';
import { formatInteger, formatPercent } from '@/lib/format';
import { parallelAxes } from '@/lib/parallel';

export interface ParallelCoordinatesProps {
  rows: readonly TLeaderboardRow[];
  /** Scored trials in all, when rows holds only the best of them (the leaderboard's limit). */
  total?: number;
  /** Lines drawn at most (the best ones): thousands of polylines say no more than hundreds. */
  limit?: number;
  width?: number;
  height?: number;
}

/** Low scores in light grey-blue, high ones in dark blue; the best trial in orange on top. */
function scoreColor(t: number): string {
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(196, 24)}, ${mix(206, 64)}, ${mix(222, 160)})`;
}

/**
 * Hyperparameters against the score: one vertical axis per hyperparameter that varies (log
 * scale for wide numeric ranges), the score last, one line per trial coloured by its score.
 */
export function ParallelCoordinates({ rows, total = rows.length, limit = 500, width = 880, height = 320 }: ParallelCoordinatesProps) {
  const shown = [...rows].sort((a, b) => b.meanValAccuracy - a.meanValAccuracy).slice(0, limit);
  const data = shown.map((row) => ({ hyperparameters: row.hyperparameters, score: row.meanValAccuracy }));
  const axes = parallelAxes(data);
  if (shown.length < 2 || axes.length < 2) {
    return (
      <figure className="chart" aria-label="Parallel coordinates" style={{ margin: 0 }}>
        <div className="chart__empty" style={{ height: 120 }}>
          {shown.length < 2 ? 'Needs at least two scored trials.' : 'Every scored trial has the same hyperparameters.'}
        </div>
      </figure>
    );
  }
  const top = 28;
  const bottom = 20;
  const left = 60;
  const right = 70;
  const x = (i: number) => left + (i * (width - left - right)) / (axes.length - 1);
  const y = (t: number) => top + (1 - t) * (height - top - bottom);
  const scores = data.map((d) => d.score);
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  const lines = data
    .map((d, index) => ({
      index,
      t: hi === lo ? 1 : (d.score - lo) / (hi - lo),
      points: axes.map((axis, i) => `${x(i).toFixed(1)},${y(axis.position(axis.key === 'score' ? d.score : d.hyperparameters[axis.key])).toFixed(1)}`).join(' '),
    }))
    // worst first, so the best are drawn on top
    .sort((a, b) => a.t - b.t);
  return (
    <figure className="chart" style={{ margin: 0 }}>
      <svg role="img" aria-label="Parallel coordinates of hyperparameters and score" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width, display: 'block' }}>
        <g data-testid="parallel-lines" fill="none">
          {lines.map((line) => (
            <polyline
              key={shown[line.index]!.trialId}
              points={line.points}
              stroke={line.index === 0 ? '#d9691c' : scoreColor(line.t)}
              strokeWidth={line.index === 0 ? 2.5 : 1.2}
              strokeOpacity={line.index === 0 ? 1 : 0.75}
              data-trial={shown[line.index]!.number}
            >
              <title>{`Trial ${shown[line.index]!.number}: ${formatPercent(shown[line.index]!.meanValAccuracy)}`}</title>
            </polyline>
          ))}
        </g>
        {axes.map((axis, i) => (
          <g key={axis.key} data-testid="parallel-axis" data-axis={axis.key}>
            <line x1={x(i)} x2={x(i)} y1={y(0)} y2={y(1)} stroke="#59636e" strokeWidth={1} />
            <text x={x(i)} y={14} textAnchor="middle" fontSize={12} fontWeight={600} fill="#1b1f24">
              {axis.key === 'score' ? 'Val. accuracy' : HYPERPARAMETER_LABELS[axis.key]}
              {axis.kind === 'log' ? ' (log)' : ''}
            </text>
            {axis.ticks.map((tick) => (
              <text key={tick.label} x={x(i) + 5} y={y(tick.at) + 4} fontSize={10.5} fill="#59636e" className="parallel-tick" paintOrder="stroke" stroke="#fff" strokeWidth={3}>
                {tick.label}
              </text>
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="chart__key" style={{ marginTop: 6 }}>
        {shown.length < total ? `The best ${formatInteger(shown.length)} of ${formatInteger(total)} scored trials. ` : `${shown.length} scored trials. `}
        Darker blue: higher score; orange: the best trial.
      </figcaption>
    </figure>
  );
}
