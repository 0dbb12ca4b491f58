'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { browserAuth, isApiError, retryAfterOf, safeNextPath, type AuthClient } from '@/lib/auth-client';
import { ZSignInRequest, type TSignInRequest } from '@/lib/auth-schemas';
import { FormAlert, TextField, SubmitButton } from '@/components/ui/form-fields';

interface SignInFormProps {
  /** Where to go once signed in (the page the visitor was sent away from). */
  next: string | null;
  auth?: AuthClient;
  navigate?: (href: string) => void;
}

/** What a failed sign-in says: the API's one message for a wrong email or password, or how long to wait. */
export function signInFailure(error: unknown): string {
  if (isApiError(error) && error.status === 429) {
    const seconds = retryAfterOf(error);
    return seconds === null
      ? 'Too many sign-in attempts. Wait a moment, then try again.'
      : `Too many sign-in attempts. Try again in ${seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`}.`;
  }
  if (isApiError(error) && error.status === 401) return 'Wrong email or password.';
  return (error as Error).message;
}

export function SignInForm({ next, auth = browserAuth, navigate = (href) => window.location.assign(href) }: SignInFormProps) {
  const { register, handleSubmit, formState, setError } = useForm<TSignInRequest>({
    resolver: zodResolver(ZSignInRequest),
    defaultValues: { email: '', password: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await auth.signIn(values);
      // a full page load: the layout reads the new session on the server
      navigate(safeNextPath(next));
    } catch (error) {
      setError('root.server', { message: signInFailure(error) });
    }
  });
  const { errors } = formState;
  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Sign in" data-testid="sign-in-form" noValidate>
      <TextField
        label="Email"
        error={errors.email}
        type="email"
        autoComplete="username"
        {...register('email')}
        data-testid="sign-in-email"
      />
      <TextField
        label="Password"
        error={errors.password}
        type="password"
        autoComplete="current-password"
        {...register('password')}
        data-testid="sign-in-password"
      />
      <FormAlert message={errors.root?.server?.message} data-testid="sign-in-error" />
      <SubmitButton pending={formState.isSubmitting} pendingLabel="Signing in…" data-testid="sign-in-submit">
        Sign in
      </SubmitButton>
    </form>
  );
}
