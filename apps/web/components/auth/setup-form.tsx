'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import { PASSWORD_MIN_LENGTH, ZSetupRequest, type TSetupRequest } from '@/lib/auth-schemas';
import fieldStyles from '@/components/ui/field.module.css';
import { FormAlert, TextField, SubmitButton } from '@/components/ui/form-fields';

interface SetupFormProps {
  auth?: AuthClient;
  navigate?: (href: string) => void;
}

/** The first admin of a fresh install (POST /auth/setup, open only while no user exists); signs them in. */
export function SetupForm({ auth = browserAuth, navigate = (href) => window.location.assign(href) }: SetupFormProps) {
  const { register, handleSubmit, formState, setError } = useForm<TSetupRequest>({
    resolver: zodResolver(ZSetupRequest),
    defaultValues: { email: '', name: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await auth.setup(values);
      navigate('/experiments');
    } catch (error) {
      setError('root.server', { message: (error as Error).message });
    }
  });
  const { errors } = formState;
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Create the first admin" data-testid="setup-form" noValidate>
      <TextField label="Name" error={errors.name} autoComplete="name" {...register('name')} data-testid="setup-name" />
      <TextField label="Email" error={errors.email} type="email" autoComplete="username" {...register('email')} data-testid="setup-email" />
      <label className={fieldStyles.field}>
        <span className={fieldStyles.label}>Password</span>
        <input
          className={fieldStyles.input}
          type="password"
          autoComplete="new-password"
          {...register('password')}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby="setup-password-hint"
          data-testid="setup-password"
        />
        <span id="setup-password-hint" className={fieldStyles.hint}>
          At least {PASSWORD_MIN_LENGTH} characters; a few words make a good one.
        </span>
        {errors.password ? <span className={fieldStyles.error}>{errors.password.message}</span> : null}
      </label>
      <FormAlert message={errors.root?.server?.message} />
      <SubmitButton pending={formState.isSubmitting} pendingLabel="Creating…" data-testid="setup-submit">
        Create admin and sign in
      </SubmitButton>
    </form>
  );
}
