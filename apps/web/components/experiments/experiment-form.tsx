'use client';

import type { TArchitectureSummary, TCreateExperimentRequest, TDatasetSummary, TRegisteredModelSummary } from '@atelier/domain';
import { useRouter } from 'next/navigation';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { get, useForm, useWatch, type FieldError as RhfFieldError } from 'react-hook-form';
import { useExperimentPlan } from './use-experiment-plan';
import { browserApi, isApiError, type ApiClient } from '@/lib/api-client';
import { inProject } from '@/lib/project-scope';
import { canWrite, type TProjectRole } from '@/lib/auth-schemas';
import { useProjectOr } from '@/components/auth/current-project';
import { useProjectRole } from '@/components/auth/use-session';
import {
  baseModelOptions,
  estimateFromForm,
  formIssuesOf,
  gridArchitectures,
  initialFormState,
  strategyLede,
  labelForPath,
  messagesByPath,
  ZExperimentForm,
  type ExperimentFormState,
  type FormPath,
} from './experiment-form-state';
import type { ErrorFor, UpdateField } from './experiment-form-controls';
import { BasicsSection } from './experiment-form-basics';
import { DatasetSection } from './experiment-form-dataset';
import { StrategySection } from './experiment-form-strategy';
import { SearchSpaceSection } from './experiment-form-space';
import { ValidationSection } from './experiment-form-validation';
import { LaunchSummary } from './experiment-form-summary';
import styles from './experiment-form.module.css';

interface ExperimentFormProps {
  datasets: readonly TDatasetSummary[];
  architectures: readonly TArchitectureSummary[];
  /** Registered models a fine-tune can start from; none when the registry is empty. */
  registeredModels?: readonly TRegisteredModelSummary[];
  /** The seed of a new form, drawn on the server so the first render and hydration agree. */
  seed?: number;
  /** A filled-in form ("New experiment from this one"); otherwise the defaults. */
  initial?: ExperimentFormState;
  /** The URL's ?project: the search is created there (else the remembered project, else the API's default). */
  project?: string | null;
  api?: ApiClient;
}

/** Why this user cannot launch in the project, before they try (the API refuses it anyway), or null. */
export function launchRoleNote(project: string | null, role: TProjectRole | null, isAdmin: boolean, known: boolean): string | null {
  if (!project || !known || canWrite(role, isAdmin)) return null;
  return `Launching needs the editor role in project '${project}' (you are ${role ?? 'not a member'}).`;
}

export function ExperimentForm({
  datasets,
  architectures,
  registeredModels = [],
  seed,
  initial,
  project = null,
  api = browserApi,
}: ExperimentFormProps) {
  const router = useRouter();
  const currentProject = useProjectOr(project);
  const { role, isAdmin, session } = useProjectRole(currentProject);
  const roleNote = launchRoleNote(currentProject, role, isAdmin, session !== undefined);
  // architectures defined in this form, added to the server's list once saved
  const [created, setCreated] = useState<TArchitectureSummary[]>([]);
  const choices = useMemo(() => gridArchitectures([...architectures, ...created]), [architectures, created]);
  const baseModels = useMemo(() => baseModelOptions(registeredModels), [registeredModels]);
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
  // in the current project: the plan checks its datasets and architectures, the launch creates there
  const request = live.success ? inProject(live.data, currentProject) : null;
  const liveErrors = live.success
    ? {}
    : messagesByPath(live.error.issues.map((issue) => ({ path: issue.path.join('.') as FormPath, message: issue.message })));
  const blockers = live.success ? [] : [...new Set(live.error.issues.map((issue) => labelForPath(issue.path.join('.') as FormPath)))];
  // cheap enough to count on every render: the form re-renders only on a change
  const estimate = estimateFromForm(state);
  const planCheck = useExperimentPlan(request, { api });
  const planErrors = planCheck.state === 'rejected' ? messagesByPath(formIssuesOf(planCheck.issues, state)) : {};

  const update: UpdateField = (key, value) => {
    setValue(key, value as never, { shouldDirty: true });
  };
  const errorFor: ErrorFor = (...paths) => {
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

  const plan = planCheck.state === 'ok' ? planCheck.plan : null;
  // grid: counted here from the first keystroke; random and ASHA: the server's plan
  const summary =
    estimate ??
    (plan ? { trialCount: plan.trialCount, folds: plan.folds, trainingRuns: plan.trainingRuns, totalEpochs: plan.totalEpochs } : null);
  const launching = formState.isSubmitting || formState.isSubmitSuccessful;
  const canLaunch = request !== null && planCheck.state !== 'rejected' && planCheck.state !== 'checking' && !launching && roleNote === null;

  const onSubmit = handleSubmit(async (valid) => {
    try {
      const experiment = await api.createExperiment(inProject(valid, currentProject));
      router.push(`/experiments/${experiment.id}`);
    } catch (error) {
      // the API's 400 names fields: each issue shows on its own, the message above the button
      const issues = isApiError(error) ? formIssuesOf(error.issues ?? [], state) : [];
      for (const issue of issues) if (issue.path) setError(issue.path, { type: 'server', message: issue.message });
      setError('root.server', { type: 'server', message: (error as Error).message });
      throw error;
    }
  });

  return (
    <form
      className={styles.launch}
      onSubmit={(event) => void onSubmit(event).catch(() => undefined)}
      noValidate
      aria-label="New experiment"
    >
      <p className={styles.lede} data-testid="strategy-lede">
        {strategyLede(state.strategy)}
      </p>
      <div className={styles.sections}>
        <BasicsSection state={state} update={update} errorFor={errorFor} />
        <DatasetSection datasets={datasets} state={state} update={update} errorFor={errorFor} />
        <StrategySection state={state} update={update} errorFor={errorFor} />
        <SearchSpaceSection
          state={state}
          update={update}
          errorFor={errorFor}
          choices={choices}
          baseModels={baseModels}
          api={api}
          project={currentProject}
          onCreated={(architecture) => {
            setCreated((list) => [...list, architecture]);
            update('architectures', [...state.architectures, architecture.key]);
          }}
        />
        <ValidationSection state={state} update={update} errorFor={errorFor} />
      </div>

      <LaunchSummary
        strategy={state.strategy}
        summary={summary}
        plan={plan}
        planCheck={planCheck}
        localValid={request !== null}
        serverError={formState.errors.root?.server}
        blockers={blockers}
        canLaunch={canLaunch}
        launching={launching}
        roleNote={roleNote}
      />
    </form>
  );
}
