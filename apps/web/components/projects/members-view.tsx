'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import { canManage, PROJECT_ROLES, ZAddMemberRequest, type TAddMemberRequest, type TProjectRole } from '@/lib/auth-schemas';
import { errorMessage } from '@/lib/query-client';
import { useProjectRole } from '@/components/auth/use-session';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FormAlert, SubmitButton } from '@/components/ui/form-fields';
import tableStyles from '@/components/ui/table.module.css';
import { useMembers } from './use-projects';

export const ROLE_DESCRIPTIONS: Record<TProjectRole, string> = {
  owner: 'members, settings, delete',
  editor: 'launch, log, edit',
  viewer: 'read',
};

/** A project's members; its owners (and admins) invite by email, change roles and remove members. */
export function MembersView({ slug, auth = browserAuth }: { slug: string; auth?: AuthClient }) {
  const { role, isAdmin, session } = useProjectRole(slug, auth);
  const manage = canManage(role, isAdmin);
  const { list, add, update, remove } = useMembers(slug, auth);
  const { register, handleSubmit, formState, setError, reset } = useForm<TAddMemberRequest>({
    resolver: zodResolver(ZAddMemberRequest),
    defaultValues: { email: '', role: 'viewer' },
  });
  const onSubmit = handleSubmit(async (values) => {
    try {
      await add.mutateAsync(values);
      reset({ email: '', role: values.role });
    } catch (error) {
      setError('root.server', { message: (error as Error).message });
    }
  });
  const { errors } = formState;
  const members = list.data ?? [];
  // the API's 409 for the last owner, or its refusal of another change, in its own words
  const changeError = update.error ?? remove.error;

  return (
    <div className="stack">
      <section className={cardStyles.card} aria-labelledby="members-title">
        <div className={cardStyles.header}>
          <h2 id="members-title">Members</h2>
          {session ? <span className={cardStyles.note}>Your role: {role ?? (isAdmin ? 'admin' : 'none')}</span> : null}
        </div>
        {list.error ? (
          <ReadError what="the members" message={errorMessage(list.error) ?? ''} stale={list.data !== undefined} inset />
        ) : null}
        {changeError ? (
          <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert" data-testid="member-change-error">
            {errorMessage(changeError)}
          </div>
        ) : null}
        {list.isPending ? (
          <LoadingNote>Loading members…</LoadingNote>
        ) : (
          <div className={tableStyles.scroll}>
            <table className={tableStyles.table} data-testid="members-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  {manage ? (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.userId} data-member={member.email}>
                    <th scope="row">{member.name}</th>
                    <td>{member.email}</td>
                    <td>
                      {manage ? (
                        <select
                          className={fieldStyles.select}
                          value={member.role}
                          aria-label={`Role of ${member.email}`}
                          disabled={update.isPending}
                          onChange={(e) => update.mutate({ userId: member.userId, role: e.target.value as TProjectRole })}
                          data-testid="member-role"
                        >
                          {PROJECT_ROLES.map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </select>
                      ) : (
                        member.role
                      )}
                    </td>
                    {manage ? (
                      <td>
                        <button
                          type="button"
                          className={buttonStyles.button}
                          disabled={remove.isPending}
                          onClick={() => remove.mutate(member.userId)}
                          aria-label={`Remove ${member.email}`}
                          data-testid="member-remove"
                        >
                          Remove
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {manage ? (
        <section className={cardStyles.card} aria-labelledby="invite-title">
          <div className={cardStyles.header}>
            <h2 id="invite-title">Invite</h2>
          </div>
          <div className={cardStyles.body}>
            <form onSubmit={(e) => void onSubmit(e)} aria-label="Invite a member" data-testid="invite-form" noValidate>
              <div className={fieldStyles.row}>
                <label className={fieldStyles.field}>
                  <span className={fieldStyles.label}>Email</span>
                  <input
                    className={fieldStyles.input}
                    type="email"
                    {...register('email')}
                    aria-invalid={errors.email ? true : undefined}
                    aria-describedby="invite-email-hint"
                    data-testid="invite-email"
                  />
                  <span id="invite-email-hint" className={fieldStyles.hint}>
                    Of someone who has an account (an admin creates accounts).
                  </span>
                  {errors.email ? <span className={fieldStyles.error}>{errors.email.message}</span> : null}
                </label>
                <label className={fieldStyles.field}>
                  <span className={fieldStyles.label}>Role</span>
                  <select className={fieldStyles.select} {...register('role')} data-testid="invite-role">
                    {PROJECT_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}: {ROLE_DESCRIPTIONS[r]}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <FormAlert message={errors.root?.server?.message} data-testid="invite-error" />
              <SubmitButton pending={formState.isSubmitting} pendingLabel="Inviting…" data-testid="invite-submit">
                Invite
              </SubmitButton>
            </form>
          </div>
        </section>
      ) : null}
    </div>
  );
}
