'use client';

import { ZRegisteredModelName } from '@atelier/domain';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { projectPath } from '@/lib/project-scope';
import alertStyles from '@/components/ui/alert.module.css';
import { SubmitButton } from '@/components/ui/form-fields';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './registry.module.css';
import { useRegisterModel } from './use-registry';

const ZRegisterForm = z.object({ name: ZRegisteredModelName });
type RegisterFormValues = z.infer<typeof ZRegisterForm>;

interface RegisterModelButtonProps {
  modelId: string;
  /** The slug of the model's project (its experiment's): the registered model is created and found there. */
  project: string;
  /** The name offered first, e.g. the experiment's name made registry-safe. */
  suggestedName: string;
  api?: ApiClient;
}

/** A registry-safe name from free text: "Fashion CNN #2" → "Fashion-CNN-2". */
export function registryName(text: string): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 100);
  return cleaned || 'model';
}

/** "Register model": publishes a stored model as the next version of a registered model (created when the name is new). */
export function RegisterModelButton({ modelId, project, suggestedName, api = browserApi }: RegisterModelButtonProps) {
  const [open, setOpen] = useState(false);
  const registerModel = useRegisterModel(project, api);
  const { register, handleSubmit, formState, setError } = useForm<RegisterFormValues>({
    resolver: zodResolver(ZRegisterForm),
    defaultValues: { name: registryName(suggestedName) },
  });
  const onSubmit = handleSubmit(async ({ name }) => {
    try {
      await registerModel.mutateAsync({ name, modelId });
    } catch (error) {
      setError('root.server', { message: (error as Error).message });
    }
  });
  const version = registerModel.data;

  if (version) {
    return (
      <p className={`${alertStyles.alert} ${alertStyles.info} ${styles.flush}`} role="status" data-testid="register-model-done">
        Registered as <Link href={projectPath(`/models/${encodeURIComponent(version.name)}`, project)}>{version.name}</Link> v
        {version.version}.
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className={buttonStyles.button} onClick={() => setOpen(true)} data-testid="register-model">
        Register model
      </button>
    );
  }
  return (
    <form className="stack" onSubmit={(e) => void onSubmit(e)} aria-label="Register model" data-testid="register-model-form" noValidate>
      <div className={styles.inlineForm}>
        <label className={`${fieldStyles.field} ${styles.flush}`}>
          <span className={fieldStyles.label}>Registered model name</span>
          <input
            className={fieldStyles.input}
            {...register('name')}
            data-testid="register-model-name"
            aria-invalid={formState.errors.name ? true : undefined}
          />
          <span className={fieldStyles.hint}>A new name is created; an existing one gets the next version.</span>
        </label>
        <SubmitButton pending={formState.isSubmitting} pendingLabel="Registering…" data-testid="register-model-submit">
          Register
        </SubmitButton>
        <button type="button" className={buttonStyles.button} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {formState.errors.name ? (
        <p className={fieldStyles.error} role="alert">
          {formState.errors.name.message}
        </p>
      ) : null}
      {formState.errors.root?.server ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          {formState.errors.root.server.message}
        </div>
      ) : null}
    </form>
  );
}
