'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import { PASSWORD_MIN_LENGTH, ZCreateUserRequest, type TCreateUserRequest } from '@/lib/auth-schemas';
import { formatDateTime } from '@/lib/format';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FormAlert, TextField, SubmitButton } from '@/components/ui/form-fields';
import tableStyles from '@/components/ui/table.module.css';

/** The instance's accounts (admins only): create one with a first password, disable or enable one. */
export function UsersView({ auth = browserAuth }: { auth?: AuthClient }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.auth.users });
  const list = useQuery({ queryKey: queryKeys.auth.users, queryFn: () => auth.listUsers() });
  const create = useMutation({ mutationFn: (request: TCreateUserRequest) => auth.createUser(request), onSuccess: refresh });
  const toggle = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) => auth.updateUser(id, { disabled }),
    onSuccess: refresh,
  });
  const { register, handleSubmit, formState, setError, reset } = useForm<TCreateUserRequest>({
    resolver: zodResolver(ZCreateUserRequest),
    defaultValues: { email: '', name: '', password: '', isAdmin: false },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      reset();
    } catch (error) {
      setError('root.server', { message: (error as Error).message });
    }
  });
  const { errors } = formState;
  const users = list.data ?? [];

  return (
    <div className="stack">
      <section className={cardStyles.card} aria-labelledby="users-title">
        <div className={cardStyles.header}>
          <h2 id="users-title">Accounts</h2>
        </div>
        {list.error ? <ReadError what="the users" message={errorMessage(list.error) ?? ''} stale={list.data !== undefined} inset /> : null}
        {toggle.error ? <ReadError what="the change" message={errorMessage(toggle.error) ?? ''} inset /> : null}
        {list.isPending ? (
          <LoadingNote>Loading users…</LoadingNote>
        ) : (
          <div className={tableStyles.scroll}>
            <table className={tableStyles.table} data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Admin</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => {
                  const disabled = Boolean(user.disabledAt);
                  return (
                    <tr key={user.id} data-user={user.email}>
                      <th scope="row">{user.name}</th>
                      <td>{user.email}</td>
                      <td>{user.isAdmin ? 'yes' : 'no'}</td>
                      <td>{disabled ? `disabled ${formatDateTime(user.disabledAt)}` : 'active'}</td>
                      <td>
                        <button
                          type="button"
                          className={buttonStyles.button}
                          disabled={toggle.isPending}
                          onClick={() => toggle.mutate({ id: user.id, disabled: !disabled })}
                          aria-label={`${disabled ? 'Enable' : 'Disable'} ${user.email}`}
                          data-testid="user-toggle"
                        >
                          {disabled ? 'Enable' : 'Disable'}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={cardStyles.card} aria-labelledby="new-user-title">
        <div className={cardStyles.header}>
          <h2 id="new-user-title">New account</h2>
        </div>
        <div className={cardStyles.body}>
          <form onSubmit={(e) => void onSubmit(e)} aria-label="New account" data-testid="user-form" noValidate>
            <div className={fieldStyles.row}>
              <TextField label="Name" error={errors.name} {...register('name')} data-testid="user-name" />
              <TextField
                label="Email"
                error={errors.email}
                type="email"
                autoComplete="off"
                {...register('email')}
                data-testid="user-email"
              />
              <label className={fieldStyles.field}>
                <span className={fieldStyles.label}>First password</span>
                <input
                  className={fieldStyles.input}
                  type="password"
                  autoComplete="new-password"
                  {...register('password')}
                  aria-invalid={errors.password ? true : undefined}
                  aria-describedby="user-password-hint"
                  data-testid="user-password"
                />
                <span id="user-password-hint" className={fieldStyles.hint}>
                  At least {PASSWORD_MIN_LENGTH} characters; hand it over in person or by a password manager.
                </span>
                {errors.password ? <span className={fieldStyles.error}>{errors.password.message}</span> : null}
              </label>
            </div>
            <label className={fieldStyles.field}>
              <span>
                <input type="checkbox" {...register('isAdmin')} data-testid="user-admin" /> Instance admin (manages users, sees every
                project)
              </span>
            </label>
            <FormAlert message={errors.root?.server?.message} />
            <SubmitButton pending={formState.isSubmitting} pendingLabel="Creating…" data-testid="user-create">
              Create account
            </SubmitButton>
          </form>
        </div>
      </section>
    </div>
  );
}
