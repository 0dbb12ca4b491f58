import type { TClassProbability } from '@atelier/domain';
import { Num } from '@/components/ui/num';
import styles from './probability-bars.module.css';

/** Every class's probability as a horizontal bar, in the order given (most probable first from the API). */
export function ProbabilityBars({ predictions, label }: { predictions: readonly TClassProbability[]; label: string }) {
  const top = predictions.reduce<TClassProbability | null>((best, p) => (!best || p.probability > best.probability ? p : best), null);
  return (
    <ul className={styles.bars} aria-label={label} data-testid="probability-bars">
      {predictions.map((p) => (
        <li key={p.classIndex} data-top={p === top} data-class={p.className} data-probability={p.probability}>
          <span>{p.className}</span>
          <span
            className={styles.track}
            role="meter"
            aria-label={p.className}
            aria-valuemin={0}
            aria-valuemax={1}
            aria-valuenow={p.probability}
          >
            <span className={styles.fill} style={{ width: `${String(Math.max(0, Math.min(1, p.probability)) * 100)}%` }} />
          </span>
          <span className="num align-right">
            <Num value={p.probability} kind="percent" />
          </span>
        </li>
      ))}
    </ul>
  );
}
