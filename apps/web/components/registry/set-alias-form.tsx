'use client';

import { ZModelAliasName, ZModelVersionNumber } from '@atelier/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { browserApi, type ApiClient } from '@/lib/api-client';
import alertStyles from '@/components/ui/alert.module.css';
import { SubmitButton } from '@/components/ui/form-fields';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './registry.module.css';
import { useSetAlias } from './use-registry';

// The registry's own rules for an alias and a version number, from the domain.
const ZSetAliasForm = z.object({ alias: ZModelAliasName, version: ZModelVersionNumber });
type SetAliasFormInput = z.input<typeof ZSetAliasForm>;
type SetAliasFormValues = z.output<typeof ZSetAliasForm>;

interface SetAliasFormProps {
  name: string;
  /** The registered model's project (slug). */
  project: string;
  /** Newest first, as the registered model lists them. */
  versions: readonly number[];
  api?: ApiClient;
}

/** "Set alias": create an alias or move it to another version (the API records every move). */
export function SetAliasForm({ name, project, versions, api = browserApi }: SetAliasFormProps) {
  const setAlias = useSetAlias(name, project, api);
  const { register, handleSubmit, formState, setError } = useForm<SetAliasFormInput, unknown, SetAliasFormValues>({
    resolver: zodResolver(ZSetAliasForm),
    defaultValues: { alias: 'production', version: versions[0] ?? 1 },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await setAlias.mutateAsync(values);
    } catch (error) {
      setError('root.server', { message: (error as Error).message });
    }
  });
  const done = setAlias.data;
  return (
    <form className="stack" onSubmit={(e) => void onSubmit(e)} aria-label="Set alias" data-testid="set-alias-form" noValidate>
      <div className={styles.inlineForm}>
        <label className={`${fieldStyles.field} ${styles.flush}`}>
          <span className={fieldStyles.label}>Alias</span>
          <input
            className={fieldStyles.input}
            {...register('alias')}
            data-testid="set-alias-name"
            aria-invalid={formState.errors.alias ? true : undefined}
          />
        </label>
        <label className={`${fieldStyles.field} ${styles.flush}`}>
          <span className={fieldStyles.label}>Version</span>
          <select className={fieldStyles.select} {...register('version')} data-testid="set-alias-version">
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton pending={formState.isSubmitting} pendingLabel="Setting…" data-testid="set-alias-submit">
          Set alias
        </SubmitButton>
      </div>
      {formState.errors.alias ? (
        <p className={fieldStyles.error} role="alert">
          {formState.errors.alias.message}
        </p>
      ) : null}
      {formState.errors.root?.server ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          {formState.errors.root.server.message}
        </div>
      ) : null}
      {done && !formState.errors.root?.server ? (
        <p className={`muted ${styles.flush}`} role="status" data-testid="set-alias-done">
          {done.alias} now points at v{done.version}.
        </p>
      ) : null}
    </form>
  );
}
