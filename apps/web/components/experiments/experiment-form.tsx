'use client';

import {
  hyperparameterDefinition,
  SEARCH_STRATEGY_KINDS,
  type TSearchStrategyKind,
  type TArchitectureSummary,
  type TCreateExperimentRequest,
  type TDatasetSummary,
} from '@atelier/domain';
import { useRouter } from 'next/navigation';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { get, useForm, useWatch, type FieldError as RhfFieldError } from 'react-hook-form';
import { DatasetWarnings } from '@/components/datasets/dataset-warnings';
import { useExperimentPlan, type PlanCheck } from './use-experiment-plan';
import { browserApi, isApiError, type ApiClient } from '@/lib/api-client';
import {
  CHOICE_DIMENSIONS,
  drawSeed,
  estimateFromForm,
  formIssuesOf,
  gridArchitectures,
  initialFormState,
  NUMERIC_DIMENSIONS,
  strategyLede,
  labelForPath,
  messagesByPath,
  usesRungs,
  ZExperimentForm,
  type ChoiceDimension,
  type ExperimentFormState,
  type FormPath,
  type NumericDimension,
} from './experiment-form-state';
import { STRATEGY_LABELS } from './experiment-list';
import { formatCompact, formatInteger } from '@/lib/format';
import { describeEstimate } from './launch-estimate';
import { ArchitectureEditor } from './architecture-editor';
import { NumericDimensionField } from './numeric-dimension-field';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import tableStyles from '@/components/ui/table.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './experiment-form.module.css';

interface ExperimentFormProps {
  datasets: readonly TDatasetSummary[];
  architectures: readonly TArchitectureSummary[];
  /** The seed of a new form, drawn on the server so the first render and hydration agree. */
  seed?: number;
  /** A filled-in form ("New experiment from this one"); otherwise the defaults. */
  initial?: ExperimentFormState;
  api?: ApiClient;
}

const count = (n: number, one: string, many = `${one}s`) => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** How the summary names the trials of each strategy ("12 trials …"). */
const STRATEGY_SUMMARY: Record<TSearchStrategyKind, string> = {
  grid: 'in the grid',
  random: 'drawn at random',
  asha: 'started by ASHA',
  hyperband: 'over Hyperband\'s brackets',
  tpe: 'proposed by TPE',
};

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

const groupOf = (name: NumericDimension | ChoiceDimension) => hyperparameterDefinition(name).form.group;
/** Hyperparameters shown in the regularisation group (dropout, weight decay, …). */
const REGULARIZATION = [...NUMERIC_DIMENSIONS, ...CHOICE_DIMENSIONS].filter((name) => groupOf(name) === 'regularization');

export function ExperimentForm({ datasets, architectures, seed, initial, api = browserApi }: ExperimentFormProps) {
  const router = useRouter();
  // architectures defined in this form, added to the server's list once saved
  const [created, setCreated] = useState<TArchitectureSummary[]>([]);
  const [editing, setEditing] = useState(false);
  const choices = useMemo(() => gridArchitectures([...architectures, ...created]), [architectures, created]);
  const form = useForm<ExperimentFormState, unknown, TCreateExperimentRequest>({
    // the domain's schema, through the form's conversions: the one rule, shared with the API
    resolver: zodResolver(ZExperimentForm),
    // a field shows its error once changed (or on a launch attempt), not before it was touched
    mode: 'onChange',
    defaultValues:
      initial ??
      initialFormState({
        dataset: datasets.find((d) => d.available)?.key,
        architecture: [...choices].sort((a, b) => (a.parameterCount ?? Infinity) - (b.parameterCount ?? Infinity))[0]?.key,
        seed,
      }),
  });
  const { control, formState, handleSubmit, setError, setValue } = form;
  // every value, as typed: the live count, the plan and the sections read them
  const state = useWatch({ control }) as ExperimentFormState;

  // the request as typed, for the live count and the server's plan; the same schema as the resolver's
  const live = ZExperimentForm.safeParse(state);
  const request = live.success ? live.data : null;
  const liveErrors = live.success ? {} : messagesByPath(live.error.issues.map((issue) => ({ path: issue.path.join('.') as FormPath, message: issue.message })));
  const blockers = live.success ? [] : [...new Set(live.error.issues.map((issue) => labelForPath(issue.path.join('.') as FormPath)))];
  // cheap enough to count on every render: the form re-renders only on a change
  const estimate = estimateFromForm(state);
  const planCheck = useExperimentPlan(request, { api });
  const planErrors = planCheck.state === 'rejected' ? messagesByPath(formIssuesOf(planCheck.issues, state)) : {};

  const update = <K extends keyof ExperimentFormState>(key: K, value: ExperimentFormState[K]) => {
    setValue(key, value as never, { shouldDirty: true });
  };
  const errorFor = (...paths: FormPath[]): string | undefined => {
    for (const path of paths) {
      // the resolver's and the API's errors (after a launch), the plan's, then the live check's on a field changed
      const dirty: unknown = get(formState.dirtyFields, path);
      const shown = formState.isSubmitted || Boolean(dirty);
      const fieldError: RhfFieldError | undefined = get(formState.errors, path);
      const message = fieldError?.message ?? planErrors[path] ?? (shown ? liveErrors[path] : undefined);
      if (message) return message;
    }
    return undefined;
  };
  const validationPath: FormPath = state.validationKind === 'kfold' ? 'folds' : 'holdoutFraction';

  const plan = planCheck.state === 'ok' ? planCheck.plan : null;
  // grid: counted here from the first keystroke; random and ASHA: the server's plan
  const summary = estimate ?? (plan ? { trialCount: plan.trialCount, folds: plan.folds, trainingRuns: plan.trainingRuns, totalEpochs: plan.totalEpochs } : null);
  const sampled = state.strategy !== 'grid';
  const launching = formState.isSubmitting || formState.isSubmitSuccessful;
  const canLaunch = request !== null && planCheck.state !== 'rejected' && planCheck.state !== 'checking' && !launching;

  const onSubmit = handleSubmit(async (valid) => {
    try {
      const experiment = await api.createExperiment(valid);
      router.push(`/experiments/${experiment.id}`);
    } catch (error) {
      // the API's 400 names fields: each issue shows on its own, the message above the button
      const issues = isApiError(error) ? formIssuesOf(error.issues ?? [], state) : [];
      for (const issue of issues) if (issue.path) setError(issue.path, { type: 'server', message: issue.message });
      setError('root.server', { type: 'server', message: (error as Error).message });
      throw error;
    }
  });

  const estimateText = plan?.estimate ? describeEstimate(plan.estimate) : null;

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
    <form className={styles.launch} onSubmit={(event) => void onSubmit(event).catch(() => undefined)} noValidate aria-label="New experiment">
      <p className={styles.lede} data-testid="strategy-lede">
        {strategyLede(state.strategy)}
      </p>
      <div className={styles.sections}>
        <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="basics-title">
          <h2 id="basics-title">Basics</h2>
          <p className={styles.sectionHint}>A name you will recognise in the list; the description is for your team.</p>
          <div className={fieldStyles.field}>
            <label htmlFor="name">Name</label>
            <input
              id="name"
              name="name"
              className={fieldStyles.input}
              value={state.name}
              maxLength={120}
              placeholder="e.g. cnn-a learning-rate sweep"
              aria-invalid={errorFor('name') ? true : undefined}
              aria-describedby={errorFor('name') ? 'name-error' : undefined}
              onChange={(e) => update('name', e.target.value)}
              required
            />
            <FieldError id="name-error" message={errorFor('name')} />
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor="description">
              Description <span className="muted">(optional)</span>
            </label>
            <textarea id="description" name="description" className={fieldStyles.textarea} value={state.description} maxLength={2000} onChange={(e) => update('description', e.target.value)} />
          </div>
        </section>

        <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="data-title">
          <h2 id="data-title">Dataset</h2>
          <p className={styles.sectionHint}>Datasets whose files the server cannot find are listed but cannot be chosen.</p>
          <fieldset className={fieldStyles.field}>
            <legend className="visually-hidden">Dataset</legend>
            <div className={styles.optionGrid}>
              {datasets.map((dataset) => (
                <label key={dataset.key} className={styles.optionCard}>
                  <input
                    type="radio"
                    name="dataset"
                    value={dataset.key}
                    checked={state.dataset === dataset.key}
                    disabled={!dataset.available}
                    onChange={() => update('dataset', dataset.key)}
                  />
                  <span>
                    <span className={styles.optionTitle}>{dataset.name}</span>
                    <span className={`${styles.optionMeta} ${styles.block}`}>
                      {formatInteger(dataset.trainSize)} train · {formatInteger(dataset.testSize)} test · {dataset.classNames.length} classes ·{' '}
                      {dataset.imageShape.join('×')}
                    </span>
                    {!dataset.available ? (
                      <span className={`${styles.optionReason} ${styles.block}`}>
                        Unavailable: the server did not find its files
                      </span>
                    ) : null}
                  </span>
                </label>
              ))}
            </div>
            {datasets.length === 0 ? <p className="muted">The API lists no datasets.</p> : null}
            <FieldError message={errorFor('dataset')} />
          </fieldset>
          <DatasetWarnings warnings={datasets.find((d) => d.key === state.dataset)?.warnings ?? []} />
        </section>

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
                  <input type="radio" name="strategy" value={kind} checked={state.strategy === kind} onChange={() => update('strategy', kind)} />
                  {STRATEGY_LABELS[kind]}
                </label>
              ))}
            </div>
          </fieldset>
          {state.strategy === 'random' ? (
            <div className={`${fieldStyles.field} ${styles.narrowField}`}>
              <label htmlFor="randomTrials">Trials to draw</label>
              <input id="randomTrials" className={fieldStyles.input} type="number" min={1} value={state.randomTrials} onChange={(e) => update('randomTrials', e.target.value)} />
              <span className={fieldStyles.hint}>Distinct configurations, drawn with the seed</span>
            </div>
          ) : null}
          {state.strategy === 'tpe' ? (
            <div className={fieldStyles.row}>
              <div className={fieldStyles.field}>
                <label htmlFor="tpeTrials">Trials</label>
                <input id="tpeTrials" className={fieldStyles.input} type="number" min={1} value={state.tpeTrials} onChange={(e) => update('tpeTrials', e.target.value)} />
                <span className={fieldStyles.hint}>Proposed one after another as results arrive</span>
              </div>
              <div className={fieldStyles.field}>
                <label htmlFor="tpeStartupTrials">Random first</label>
                <input id="tpeStartupTrials" className={fieldStyles.input} type="number" min={1} value={state.tpeStartupTrials} onChange={(e) => update('tpeStartupTrials', e.target.value)} />
                <span className={fieldStyles.hint}>Drawn at random before TPE models the results</span>
              </div>
              <div className={fieldStyles.field}>
                <label htmlFor="tpeParallelism">Trials at once</label>
                <input id="tpeParallelism" className={fieldStyles.input} type="number" min={1} max={64} value={state.tpeParallelism} onChange={(e) => update('tpeParallelism', e.target.value)} />
                <span className={fieldStyles.hint}>Running trials count as bad results, so workers spread out</span>
              </div>
              <div className={fieldStyles.field}>
                <span className={fieldStyles.label}>Options</span>
                <div className={styles.checkboxRow}>
                  <label className={choiceStyles.pill} title="Model the hyperparameters jointly, one kernel per trial over every dimension">
                    <input type="checkbox" checked={state.tpeMultivariate} onChange={(e) => update('tpeMultivariate', e.target.checked)} /> Multivariate
                  </label>
                  <label className={choiceStyles.pill} title="ASHA's rungs: trials that fall behind at r epochs stop there, and TPE learns from where they stopped">
                    <input type="checkbox" checked={state.tpeEarlyStopping} onChange={(e) => update('tpeEarlyStopping', e.target.checked)} /> Stop poor trials early (ASHA)
                  </label>
                </div>
              </div>
            </div>
          ) : null}
          {usesRungs(state) ? (
            <div className={fieldStyles.row}>
              <div className={fieldStyles.field}>
                <label htmlFor="ashaMinEpochs">r: epochs of the first rung</label>
                <input id="ashaMinEpochs" className={fieldStyles.input} type="number" min={1} value={state.ashaMinEpochs} onChange={(e) => update('ashaMinEpochs', e.target.value)} />
              </div>
              <div className={fieldStyles.field}>
                <label htmlFor="ashaMaxEpochs">R: epochs of the last rung</label>
                <input id="ashaMaxEpochs" className={fieldStyles.input} type="number" min={2} value={state.ashaMaxEpochs} onChange={(e) => update('ashaMaxEpochs', e.target.value)} />
              </div>
              <div className={fieldStyles.field}>
                <label htmlFor="ashaReductionFactor">η: reduction factor</label>
                <input id="ashaReductionFactor" className={fieldStyles.input} type="number" min={2} max={10} value={state.ashaReductionFactor} onChange={(e) => update('ashaReductionFactor', e.target.value)} />
              </div>
              {state.strategy === 'asha' ? (
                <div className={fieldStyles.field}>
                  <label htmlFor="ashaTrials">Samples (optional)</label>
                  <input id="ashaTrials" className={fieldStyles.input} type="number" min={1} value={state.ashaTrials} placeholder="every grid point" onChange={(e) => update('ashaTrials', e.target.value)} />
                  <span className={fieldStyles.hint}>Set it to sample distributions</span>
                </div>
              ) : null}
              {state.strategy === 'hyperband' ? (
                <div className={fieldStyles.field}>
                  <label htmlFor="hyperbandTrials">Samples (optional)</label>
                  <input id="hyperbandTrials" className={fieldStyles.input} type="number" min={1} value={state.hyperbandTrials} placeholder="one iteration" onChange={(e) => update('hyperbandTrials', e.target.value)} />
                  <span className={fieldStyles.hint}>Drawn at random, shared out over the brackets</span>
                </div>
              ) : null}
            </div>
          ) : null}
          <FieldError message={errorFor('strategy', 'randomTrials', 'tpeTrials', 'tpeStartupTrials', 'tpeParallelism', 'ashaMinEpochs', 'ashaMaxEpochs', 'ashaReductionFactor', 'ashaTrials', 'hyperbandTrials')} />
        </section>

        <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="space-title">
          <h2 id="space-title">Search space</h2>
          <p className={styles.sectionHint}>
            {state.strategy === 'grid'
              ? 'Every combination of the values below becomes one trial (a grid search).'
              : 'Numeric hyperparameters can be lists or distributions; random search and ASHA draw configurations from them.'}
          </p>
          <fieldset className={fieldStyles.field}>
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
                <ArchitectureEditor
                  api={api}
                  onCreated={(architecture) => {
                    setCreated((list) => [...list, architecture]);
                    update('architectures', [...state.architectures, architecture.key]);
                  }}
                />
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

        <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="validation-title">
          <h2 id="validation-title">Validation and budget</h2>
          <p className={styles.sectionHint}>k-fold trains each trial k times; a holdout trains it once on a stratified split.</p>
          <fieldset className={fieldStyles.field}>
            <legend>Validation</legend>
            <div className={choiceStyles.segmented} role="radiogroup" aria-label="Validation method">
              <label>
                <input type="radio" name="validationKind" value="kfold" checked={state.validationKind === 'kfold'} onChange={() => update('validationKind', 'kfold')} />
                k-fold cross-validation
              </label>
              <label>
                <input type="radio" name="validationKind" value="holdout" checked={state.validationKind === 'holdout'} onChange={() => update('validationKind', 'holdout')} />
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
                <button type="button" className={`${buttonStyles.button} ${buttonStyles.small}`} onClick={() => update('seed', String(drawSeed()))}>
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
              <input id="maxTrials" className={fieldStyles.input} type="number" min={1} value={state.maxTrials} placeholder="server limit" onChange={(e) => update('maxTrials', e.target.value)} />
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
                  <input id="erasingAreaMin" className={fieldStyles.input} type="number" min={0} max={1} step={0.01} value={state.erasingAreaMin} onChange={(e) => update('erasingAreaMin', e.target.value)} />
                </div>
                <div className={fieldStyles.field}>
                  <label htmlFor="erasingAreaMax">Erased area to</label>
                  <input id="erasingAreaMax" className={fieldStyles.input} type="number" min={0} max={1} step={0.01} value={state.erasingAreaMax} onChange={(e) => update('erasingAreaMax', e.target.value)} />
                  <span className={fieldStyles.hint}>Share of the image; how often is the erasing probability above</span>
                </div>
              </div>
            ) : (
              <span className={fieldStyles.hint}>
                Random erasing (Zhong et al. 2017) blanks a rectangle of training images with the erasing probability above, 2–40% of the image unless set
                here; validation images are left alone
              </span>
            )}
            <FieldError message={errorFor('erasingAreaMin', 'erasingAreaMax')} />
          </fieldset>
        </section>
      </div>

      <aside className={`${styles.summaryPanel} ${cardStyles.card} ${styles.summary}`} aria-labelledby="summary-title">
        <h2 id="summary-title">Launch</h2>
        <div className={styles.bigNumber} data-testid="trial-count" aria-live="polite">
          {summary ? formatInteger(summary.trialCount) : '—'}
        </div>
        <div className={styles.bigNumberLabel}>
          {summary?.trialCount === 1 ? 'trial' : 'trials'} {STRATEGY_SUMMARY[state.strategy]}
        </div>
        <dl>
          <dt>Folds per trial</dt>
          <dd>{summary ? summary.folds : '—'}</dd>
          <dt>Training runs</dt>
          <dd data-testid="training-runs">{summary ? formatInteger(summary.trainingRuns) : '—'}</dd>
          <dt>{state.strategy === 'grid' || state.strategy === 'random' ? 'Epochs in total' : 'Epochs at most'}</dt>
          <dd data-testid="total-epochs">{summary ? formatInteger(summary.totalEpochs) : '—'}</dd>
        </dl>
        {plan?.rungs ? (
          <table className={`${tableStyles.table} ${tableStyles.compact} ${styles.rungs}`} data-testid="plan-rungs">
            <caption className="visually-hidden">ASHA rungs: epochs and the most trials that can reach each</caption>
            <thead>
              <tr>
                <th scope="col">Rung</th>
                <th scope="col" className="align-right">
                  Epochs
                </th>
                <th scope="col" className="align-right">
                  Trials at most
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.rungs.map((rung, index) => (
                <tr key={index}>
                  <td className="num">{index}</td>
                  <td className="align-right num">{rung.epochs}</td>
                  <td className="align-right num">{formatInteger(rung.trials)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {summary ? <p className={styles.formula}>training runs = trials × folds</p> : null}
        {estimateText ? (
          <div className={styles.estimate} data-testid="plan-estimate">
            <strong>{estimateText.headline}</strong>
            <span className={styles.estimateBasis}>{estimateText.basis}</span>
            {estimateText.warning ? <span className={styles.estimateWarning}>{estimateText.warning}</span> : null}
          </div>
        ) : null}
        <ServerCheck check={planCheck} localValid={request !== null} />
        {formState.errors.root?.server ? (
          <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
            {formState.errors.root.server.message}
          </div>
        ) : null}
        {!request ? (
          <div className={`${alertStyles.alert} ${alertStyles.warn}`} data-testid="form-blockers">
            To launch, fix: {blockers.join(', ')}.
          </div>
        ) : null}
        <button type="submit" className={`${buttonStyles.button} ${buttonStyles.primary} ${buttonStyles.large}`} disabled={!canLaunch}>
          {launching ? 'Launching…' : summary ? `Launch ${count(summary.trialCount, 'trial')}` : 'Launch'}
        </button>
      </aside>
    </form>
  );
}

function FieldError({ message, id }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <span id={id} className={fieldStyles.error} role="alert">
      {message}
    </span>
  );
}

function EnumField<T extends string>({
  legend,
  name,
  options,
  selected,
  error,
  onToggle,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  selected: readonly T[];
  error?: string;
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset className={fieldStyles.field}>
      <legend>{legend}</legend>
      <div className={styles.checkboxRow}>
        {options.map((option) => (
          <label key={option} className={choiceStyles.pill}>
            <input type="checkbox" name={name} value={option} checked={selected.includes(option)} onChange={() => onToggle(option)} />
            {option}
          </label>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}

function ServerCheck({ check, localValid }: { check: PlanCheck; localValid: boolean }) {
  if (!localValid) {
    return <div className={styles.serverCheck} data-state="idle">Complete the form to check it with the server.</div>;
  }
  switch (check.state) {
    case 'idle':
    case 'checking':
      return (
        <div className={styles.serverCheck} data-state="checking" role="status">
          Checking with the server…
        </div>
      );
    case 'ok':
      return (
        <div className={styles.serverCheck} data-state="ok" role="status" data-testid="plan-ok">
          Server check passed: {count(check.plan.trialCount, 'trial')}, {count(check.plan.trainingRuns, 'run')}, {count(check.plan.totalEpochs, 'epoch')}
          {check.plan.maxTrials ? ` (limit ${count(check.plan.maxTrials, 'trial')})` : ''}.
        </div>
      );
    case 'rejected':
      return (
        <div className={styles.serverCheck} data-state="rejected" role="alert" data-testid="plan-error">
          {check.message}
        </div>
      );
    case 'unavailable':
      return (
        <div className={styles.serverCheck} data-state="unavailable" role="status">
          Could not check with the server ({check.message}). You can still try to launch.
        </div>
      );
  }
}
