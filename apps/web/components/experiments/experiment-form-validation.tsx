'use client';

import { drawSeed, type FormPath } from './experiment-form-state';
import buttonStyles from '@/components/ui/button.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FieldError, type FormSectionProps } from './experiment-form-controls';
import styles from './experiment-form.module.css';

/** How a trial is validated (k-fold or holdout), the training slice, the seed, the budget and the augmentation. */
export function ValidationSection({ state, update, errorFor }: FormSectionProps) {
  const validationPath: FormPath = state.validationKind === 'kfold' ? 'folds' : 'holdoutFraction';
  return (
    <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="validation-title">
      <h2 id="validation-title">Validation and budget</h2>
      <p className={styles.sectionHint}>k-fold trains each trial k times; a holdout trains it once on a stratified split.</p>
      <fieldset className={fieldStyles.field}>
        <legend>Validation</legend>
        <div className={choiceStyles.segmented} role="radiogroup" aria-label="Validation method">
          <label>
            <input
              type="radio"
              name="validationKind"
              value="kfold"
              checked={state.validationKind === 'kfold'}
              onChange={() => update('validationKind', 'kfold')}
            />
            k-fold cross-validation
          </label>
          <label>
            <input
              type="radio"
              name="validationKind"
              value="holdout"
              checked={state.validationKind === 'holdout'}
              onChange={() => update('validationKind', 'holdout')}
            />
            Holdout
          </label>
        </div>
        {state.validationKind === 'kfold' ? (
          <div className={`${fieldStyles.field} ${styles.narrowField} ${styles.spaced}`}>
            <label htmlFor="folds">Folds (k)</label>
            <input
              id="folds"
              className={fieldStyles.input}
              type="number"
              min={2}
              max={10}
              value={state.folds}
              aria-invalid={errorFor(validationPath) ? true : undefined}
              onChange={(e) => {
                update('folds', e.target.value);
              }}
            />
          </div>
        ) : (
          <div className={`${fieldStyles.field} ${styles.narrowField} ${styles.spaced}`}>
            <label htmlFor="holdoutFraction">Validation fraction</label>
            <input
              id="holdoutFraction"
              className={fieldStyles.input}
              type="number"
              min={0.05}
              max={0.5}
              step={0.05}
              value={state.holdoutFraction}
              aria-invalid={errorFor(validationPath) ? true : undefined}
              onChange={(e) => {
                update('holdoutFraction', e.target.value);
              }}
            />
          </div>
        )}
        <FieldError message={errorFor(validationPath)} />
      </fieldset>
      <div className={fieldStyles.row}>
        <div className={fieldStyles.field}>
          <label htmlFor="trainingSlice">Training slice (images)</label>
          <input
            id="trainingSlice"
            className={fieldStyles.input}
            type="number"
            min={100}
            step={100}
            value={state.trainingSlice}
            placeholder="whole training set"
            aria-invalid={errorFor('trainingSlice') ? true : undefined}
            aria-describedby="trainingSlice-hint"
            onChange={(e) => {
              update('trainingSlice', e.target.value);
            }}
          />
          <span id="trainingSlice-hint" className={fieldStyles.hint}>
            First N images of a seeded, stratified shuffle; empty for all of them
          </span>
          <FieldError message={errorFor('trainingSlice')} />
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor="seed">Seed</label>
          <div className={styles.inputWithButton}>
            <input
              id="seed"
              className={fieldStyles.input}
              type="number"
              min={0}
              value={state.seed}
              aria-invalid={errorFor('seed') ? true : undefined}
              aria-describedby="seed-hint"
              onChange={(e) => {
                update('seed', e.target.value);
              }}
            />
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.small}`}
              onClick={() => update('seed', String(drawSeed()))}
            >
              New seed
            </button>
          </div>
          <span id="seed-hint" className={fieldStyles.hint}>
            Drawn afresh for each new search; the same seed gives the same splits, draws and initial weights
          </span>
          <FieldError message={errorFor('seed')} />
        </div>
      </div>
      <div className={fieldStyles.row}>
        <div className={fieldStyles.field}>
          <label htmlFor="maxTrials">Budget: max trials</label>
          <input
            id="maxTrials"
            className={fieldStyles.input}
            type="number"
            min={1}
            value={state.maxTrials}
            placeholder="server limit"
            onChange={(e) => update('maxTrials', e.target.value)}
          />
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor="maxTotalEpochs">Budget: max total epochs</label>
          <input
            id="maxTotalEpochs"
            className={fieldStyles.input}
            type="number"
            min={1}
            value={state.maxTotalEpochs}
            placeholder="server limit"
            onChange={(e) => update('maxTotalEpochs', e.target.value)}
          />
          <span className={fieldStyles.hint}>Over every fold; the launch is refused above it</span>
        </div>
      </div>
      <FieldError message={errorFor('maxTrials', 'maxTotalEpochs')} />
      <fieldset className={fieldStyles.field}>
        <legend>Augmentation</legend>
        <label className={`${choiceStyles.pill} ${styles.fitContent}`}>
          <input type="checkbox" checked={state.randomErasing} onChange={(e) => update('randomErasing', e.target.checked)} />
          Random erasing: set the rectangle
        </label>
        {state.randomErasing ? (
          <div className={`${fieldStyles.row} ${styles.spaced}`}>
            <div className={fieldStyles.field}>
              <label htmlFor="erasingAreaMin">Erased area from</label>
              <input
                id="erasingAreaMin"
                className={fieldStyles.input}
                type="number"
                min={0}
                max={1}
                step={0.01}
                value={state.erasingAreaMin}
                onChange={(e) => update('erasingAreaMin', e.target.value)}
              />
            </div>
            <div className={fieldStyles.field}>
              <label htmlFor="erasingAreaMax">Erased area to</label>
              <input
                id="erasingAreaMax"
                className={fieldStyles.input}
                type="number"
                min={0}
                max={1}
                step={0.01}
                value={state.erasingAreaMax}
                onChange={(e) => update('erasingAreaMax', e.target.value)}
              />
              <span className={fieldStyles.hint}>Share of the image; how often is the erasing probability above</span>
            </div>
          </div>
        ) : (
          <span className={fieldStyles.hint}>
            Random erasing (Zhong et al. 2017) blanks a rectangle of training images with the erasing probability above, 2–40% of the image
            unless set here; validation images are left alone
          </span>
        )}
        <FieldError message={errorFor('erasingAreaMin', 'erasingAreaMax')} />
      </fieldset>
    </section>
  );
}
