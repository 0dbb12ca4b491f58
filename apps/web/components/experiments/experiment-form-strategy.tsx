'use client';

import { SEARCH_STRATEGY_KINDS } from '@atelier/domain';
import { usesRungs } from './experiment-form-state';
import { STRATEGY_LABELS } from './experiment-list';
import choiceStyles from '@/components/ui/choice.module.css';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FieldError, type FormSectionProps } from './experiment-form-controls';
import styles from './experiment-form.module.css';

/** The search strategy and its settings (trials to draw, TPE's options, the rungs of ASHA and Hyperband). */
export function StrategySection({ state, update, errorFor }: FormSectionProps) {
  return (
    <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="strategy-title">
      <h2 id="strategy-title">Strategy</h2>
      <p className={styles.sectionHint}>
        Grid tries every combination; random search draws configurations (lists or distributions); ASHA starts many configurations on few
        epochs and promotes the best 1/η to train longer; Hyperband runs ASHA in brackets that start at r, r·η, … epochs; TPE proposes each
        trial from the results so far (optionally stopping poor ones early with ASHA).
      </p>
      <fieldset className={fieldStyles.field}>
        <legend className="visually-hidden">Search strategy</legend>
        <div className={choiceStyles.segmented} role="radiogroup" aria-label="Search strategy">
          {SEARCH_STRATEGY_KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="strategy"
                value={kind}
                checked={state.strategy === kind}
                onChange={() => update('strategy', kind)}
              />
              {STRATEGY_LABELS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      {state.strategy === 'random' ? (
        <div className={`${fieldStyles.field} ${styles.narrowField}`}>
          <label htmlFor="randomTrials">Trials to draw</label>
          <input
            id="randomTrials"
            className={fieldStyles.input}
            type="number"
            min={1}
            value={state.randomTrials}
            onChange={(e) => update('randomTrials', e.target.value)}
          />
          <span className={fieldStyles.hint}>Distinct configurations, drawn with the seed</span>
        </div>
      ) : null}
      {state.strategy === 'tpe' ? (
        <div className={fieldStyles.row}>
          <div className={fieldStyles.field}>
            <label htmlFor="tpeTrials">Trials</label>
            <input
              id="tpeTrials"
              className={fieldStyles.input}
              type="number"
              min={1}
              value={state.tpeTrials}
              onChange={(e) => update('tpeTrials', e.target.value)}
            />
            <span className={fieldStyles.hint}>Proposed one after another as results arrive</span>
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor="tpeStartupTrials">Random first</label>
            <input
              id="tpeStartupTrials"
              className={fieldStyles.input}
              type="number"
              min={1}
              value={state.tpeStartupTrials}
              onChange={(e) => update('tpeStartupTrials', e.target.value)}
            />
            <span className={fieldStyles.hint}>Drawn at random before TPE models the results</span>
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor="tpeParallelism">Trials at once</label>
            <input
              id="tpeParallelism"
              className={fieldStyles.input}
              type="number"
              min={1}
              max={64}
              value={state.tpeParallelism}
              onChange={(e) => update('tpeParallelism', e.target.value)}
            />
            <span className={fieldStyles.hint}>Running trials count as bad results, so workers spread out</span>
          </div>
          <div className={fieldStyles.field}>
            <span className={fieldStyles.label}>Options</span>
            <div className={styles.checkboxRow}>
              <label className={choiceStyles.pill} title="Model the hyperparameters jointly, one kernel per trial over every dimension">
                <input type="checkbox" checked={state.tpeMultivariate} onChange={(e) => update('tpeMultivariate', e.target.checked)} />{' '}
                Multivariate
              </label>
              <label
                className={choiceStyles.pill}
                title="ASHA's rungs: trials that fall behind at r epochs stop there, and TPE learns from where they stopped"
              >
                <input type="checkbox" checked={state.tpeEarlyStopping} onChange={(e) => update('tpeEarlyStopping', e.target.checked)} />{' '}
                Stop poor trials early (ASHA)
              </label>
            </div>
          </div>
        </div>
      ) : null}
      {usesRungs(state) ? (
        <div className={fieldStyles.row}>
          <div className={fieldStyles.field}>
            <label htmlFor="ashaMinEpochs">r: epochs of the first rung</label>
            <input
              id="ashaMinEpochs"
              className={fieldStyles.input}
              type="number"
              min={1}
              value={state.ashaMinEpochs}
              onChange={(e) => update('ashaMinEpochs', e.target.value)}
            />
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor="ashaMaxEpochs">R: epochs of the last rung</label>
            <input
              id="ashaMaxEpochs"
              className={fieldStyles.input}
              type="number"
              min={2}
              value={state.ashaMaxEpochs}
              onChange={(e) => update('ashaMaxEpochs', e.target.value)}
            />
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor="ashaReductionFactor">η: reduction factor</label>
            <input
              id="ashaReductionFactor"
              className={fieldStyles.input}
              type="number"
              min={2}
              max={10}
              value={state.ashaReductionFactor}
              onChange={(e) => update('ashaReductionFactor', e.target.value)}
            />
          </div>
          {state.strategy === 'asha' ? (
            <div className={fieldStyles.field}>
              <label htmlFor="ashaTrials">Samples (optional)</label>
              <input
                id="ashaTrials"
                className={fieldStyles.input}
                type="number"
                min={1}
                value={state.ashaTrials}
                placeholder="every grid point"
                onChange={(e) => update('ashaTrials', e.target.value)}
              />
              <span className={fieldStyles.hint}>Set it to sample distributions</span>
            </div>
          ) : null}
          {state.strategy === 'hyperband' ? (
            <div className={fieldStyles.field}>
              <label htmlFor="hyperbandTrials">Samples (optional)</label>
              <input
                id="hyperbandTrials"
                className={fieldStyles.input}
                type="number"
                min={1}
                value={state.hyperbandTrials}
                placeholder="one iteration"
                onChange={(e) => update('hyperbandTrials', e.target.value)}
              />
              <span className={fieldStyles.hint}>Drawn at random, shared out over the brackets</span>
            </div>
          ) : null}
        </div>
      ) : null}
      <FieldError
        message={errorFor(
          'strategy',
          'randomTrials',
          'tpeTrials',
          'tpeStartupTrials',
          'tpeParallelism',
          'ashaMinEpochs',
          'ashaMaxEpochs',
          'ashaReductionFactor',
          'ashaTrials',
          'hyperbandTrials',
        )}
      />
    </section>
  );
}
