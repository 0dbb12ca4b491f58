'use client';

import { hyperparameterDefinition, type TArchitectureSummary } from '@atelier/domain';
import { useState } from 'react';
import type { ApiClient } from '@/lib/api-client';
import { formatCompact } from '@/lib/format';
import { ArchitectureEditor } from './architecture-editor';
import { CHOICE_DIMENSIONS, NUMERIC_DIMENSIONS, usesRungs, type ChoiceDimension, type NumericDimension } from './experiment-form-state';
import { NumericDimensionField } from './numeric-dimension-field';
import cardStyles from '@/components/ui/card.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { EnumField, FieldError, toggle, type FormSectionProps } from './experiment-form-controls';
import styles from './experiment-form.module.css';

const groupOf = (name: NumericDimension | ChoiceDimension) => hyperparameterDefinition(name).form.group;
/** Hyperparameters shown in the regularisation group (dropout, weight decay, …). */
const REGULARIZATION = [...NUMERIC_DIMENSIONS, ...CHOICE_DIMENSIONS].filter((name) => groupOf(name) === 'regularization');

/** The search space: the architectures (a custom one defined in place), then a field per hyperparameter of the registry. */
export function SearchSpaceSection({
  state,
  update,
  errorFor,
  choices,
  baseModels,
  api,
  project,
  onCreated,
}: FormSectionProps & {
  /** The architectures a grid can use: the server's and those defined in this form. */
  choices: readonly TArchitectureSummary[];
  /** What a fine-tune can start from: registered models by alias and latest version (baseModelOptions). */
  baseModels: readonly string[];
  api: ApiClient;
  /** The project a new architecture is saved in (null: the API's default). */
  project: string | null;
  /** An architecture defined in the editor was saved. */
  onCreated: (architecture: TArchitectureSummary) => void;
}) {
  const [editing, setEditing] = useState(false);
  const sampled = state.strategy !== 'grid';

  // Hyperparameter fields come from the registry: its `form` description is the field.
  const numericField = (name: NumericDimension) => {
    const { form } = hyperparameterDefinition(name);
    if (name === 'epochs' && usesRungs(state)) {
      return (
        <div className={fieldStyles.field} key={name}>
          <span className={fieldStyles.label}>{form.label}</span>
          <span className={fieldStyles.hint}>Set by the rungs: r, r·η, r·η², … up to R</span>
        </div>
      );
    }
    return (
      <NumericDimensionField
        key={name}
        id={name}
        label={form.label}
        hint={form.hint}
        value={state.values[name]}
        distribution={state.distributions[name]}
        sampled={sampled}
        error={errorFor(`values.${name}`, `distributions.${name}`)}
        onList={(v) => {
          update('values', { ...state.values, [name]: v });
        }}
        onDistribution={(d) => update('distributions', { ...state.distributions, [name]: d })}
      />
    );
  };
  const choiceField = (name: ChoiceDimension) => {
    const { form, choices = [] } = hyperparameterDefinition(name);
    return (
      <EnumField
        key={name}
        legend={form.label}
        name={name}
        options={choices.map(String)}
        selected={state.choices[name]}
        error={errorFor(`choices.${name}`)}
        onToggle={(value) => update('choices', { ...state.choices, [name]: toggle(state.choices[name], value) })}
      />
    );
  };

  return (
    <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="space-title">
      <h2 id="space-title">Search space</h2>
      <p className={styles.sectionHint}>
        {state.strategy === 'grid'
          ? 'Every combination of the values below becomes one trial (a grid search).'
          : 'Numeric hyperparameters can be lists or distributions; random search and ASHA draw configurations from them.'}
      </p>
      <fieldset className={fieldStyles.field}>
        <legend>Start from</legend>
        <div className={choiceStyles.segmented} role="radiogroup" aria-label="Start from">
          <label>
            <input
              type="radio"
              name="startFrom"
              value="scratch"
              checked={state.startFrom === 'scratch'}
              onChange={() => update('startFrom', 'scratch')}
            />
            Architectures, from scratch
          </label>
          <label>
            <input
              type="radio"
              name="startFrom"
              value="model"
              checked={state.startFrom === 'model'}
              onChange={() => {
                update('startFrom', 'model');
                if (!state.baseModel && baseModels[0]) update('baseModel', baseModels[0]);
              }}
            />
            Start from a model
          </label>
        </div>
      </fieldset>
      {state.startFrom === 'model' ? (
        <fieldset className={fieldStyles.field} data-testid="base-model">
          <legend>Base model</legend>
          <p className={fieldStyles.hint}>
            Its Dense head is replaced by one for the dataset&rsquo;s classes and its first N layers keep their weights (N: frozen layers,
            fixed or searched like the others). Its input must be the dataset&rsquo;s image size.
          </p>
          <div className={fieldStyles.row}>
            <div className={fieldStyles.field}>
              <label htmlFor="baseModel">Registered model</label>
              <input
                id="baseModel"
                className={fieldStyles.input}
                list="base-model-options"
                value={state.baseModel}
                placeholder="name@alias, name/version or a model id"
                aria-invalid={errorFor('baseModel') ? true : undefined}
                onChange={(e) => update('baseModel', e.target.value)}
              />
              <datalist id="base-model-options">
                {baseModels.map((reference) => (
                  <option key={reference} value={reference} />
                ))}
              </datalist>
              <span className={fieldStyles.hint}>
                {baseModels.length > 0
                  ? 'An alias follows its promotions; the version is resolved when the search is created'
                  : 'No registered model yet: register one from a search’s best model, or paste a stored model’s id'}
              </span>
              <FieldError message={errorFor('baseModel')} />
            </div>
            {NUMERIC_DIMENSIONS.filter((name) => groupOf(name) === 'fine-tune').map(numericField)}
          </div>
        </fieldset>
      ) : null}
      <fieldset className={fieldStyles.field} hidden={state.startFrom === 'model'}>
        <legend>Architectures</legend>
        <div className={styles.optionGrid}>
          {choices.map((architecture) => (
            <label key={architecture.key} className={styles.optionCard}>
              <input
                type="checkbox"
                name="architecture"
                value={architecture.key}
                checked={state.architectures.includes(architecture.key)}
                onChange={() => {
                  update('architectures', toggle(state.architectures, architecture.key));
                }}
              />
              <span>
                <span className={styles.optionTitle}>
                  {architecture.name} <span className="mono muted">{architecture.key}</span>
                </span>
                <span className={`${styles.optionMeta} ${styles.block}`}>
                  {architecture.parameterCount !== null ? `${formatCompact(architecture.parameterCount)} parameters` : 'parameters unknown'}
                </span>
                {architecture.description ? (
                  <span className={styles.optionDescription} title={architecture.description}>
                    {architecture.description}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
        <FieldError message={errorFor('architectures')} />
        <details className="custom-architecture" onToggle={(e) => setEditing(e.currentTarget.open)}>
          <summary>Define a custom architecture</summary>
          {/* mounted only while open: it checks every edit with the server */}
          {editing ? (
            <div className={styles.editor}>
              <ArchitectureEditor api={api} project={project} onCreated={onCreated} />
            </div>
          ) : null}
        </details>
      </fieldset>
      <div className={fieldStyles.row}>{NUMERIC_DIMENSIONS.filter((name) => groupOf(name) === 'space').map(numericField)}</div>
      {CHOICE_DIMENSIONS.filter((name) => groupOf(name) === 'space').map(choiceField)}
      {REGULARIZATION.length > 0 ? (
        <fieldset className={fieldStyles.field}>
          <legend>Regularisation</legend>
          <div className={fieldStyles.row}>{NUMERIC_DIMENSIONS.filter((name) => groupOf(name) === 'regularization').map(numericField)}</div>
          {CHOICE_DIMENSIONS.filter((name) => groupOf(name) === 'regularization').map(choiceField)}
        </fieldset>
      ) : null}
    </section>
  );
}
