'use client';

import { DEFAULT_DISTRIBUTIONS, DISTRIBUTIONS, type DistributionInput, type NumericDimension } from './experiment-form-state';
import { NumberListField } from './number-list-field';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './experiment-form.module.css';

interface Props {
  id: NumericDimension;
  label: string;
  hint: string;
  value: string;
  distribution: DistributionInput | undefined;
  /** Distributions only make sense when the strategy samples (random, ASHA). */
  sampled: boolean;
  error?: string;
  onList: (value: string) => void;
  onDistribution: (value: DistributionInput | undefined) => void;
}

const DIST_LABELS: Record<DistributionInput['dist'], string> = { uniform: 'uniform', 'log-uniform': 'log-uniform', int: 'integers' };

/** A numeric search dimension: a list of values, or (random search, ASHA) a distribution to sample. */
export function NumericDimensionField({ id, label, hint, value, distribution, sampled, error, onList, onDistribution }: Props) {
  // some dimensions are lists only (epochs)
  const offersDistribution = sampled && DISTRIBUTIONS[id].length > 0;
  const asDistribution = offersDistribution && distribution !== undefined;
  return (
    <div className={fieldStyles.field}>
      {offersDistribution ? (
        <div className={`${choiceStyles.segmented} ${styles.modeSwitch}`} role="radiogroup" aria-label={`${id} given as`}>
          <label>
            <input type="radio" name={`${id}-mode`} checked={!asDistribution} onChange={() => onDistribution(undefined)} />
            list
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={asDistribution}
              onChange={() => onDistribution(distribution ?? DEFAULT_DISTRIBUTIONS[id])}
            />
            distribution
          </label>
        </div>
      ) : null}
      {asDistribution ? (
        <fieldset className={`${fieldStyles.field} ${styles.distribution}`}>
          <legend>{label}: distribution</legend>
          <div className={styles.rangeInputs}>
            <select
              className={`${fieldStyles.select} ${styles.distributionKind}`}
              aria-label={`${id} distribution`}
              value={distribution.dist}
              onChange={(e) => onDistribution({ ...distribution, dist: e.target.value as DistributionInput['dist'] })}
            >
              {DISTRIBUTIONS[id].map((d) => (
                <option key={d} value={d}>
                  {DIST_LABELS[d]}
                </option>
              ))}
            </select>
            <input
              className={`${fieldStyles.input} mono`}
              aria-label={`${id} low`}
              value={distribution.low}
              onChange={(e) => onDistribution({ ...distribution, low: e.target.value })}
            />
            <span aria-hidden="true">to</span>
            <input
              className={`${fieldStyles.input} mono`}
              aria-label={`${id} high`}
              value={distribution.high}
              onChange={(e) => onDistribution({ ...distribution, high: e.target.value })}
            />
          </div>
          <span className={fieldStyles.hint}>
            {distribution.dist === 'log-uniform'
              ? 'As many draws per decade'
              : distribution.dist === 'int'
                ? 'Whole numbers, both ends included'
                : 'Evenly between the two'}
          </span>
          {error ? (
            <span className={fieldStyles.error} role="alert">
              {error}
            </span>
          ) : null}
        </fieldset>
      ) : (
        <NumberListField id={id} label={label} hint={hint} value={value} error={error} onChange={onList} />
      )}
    </div>
  );
}
