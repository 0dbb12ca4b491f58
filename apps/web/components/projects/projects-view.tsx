'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import { canManage, ZCreateProjectRequest, type TCreateProjectRequest } from '@/lib/auth-schemas';
import { errorMessage } from '@/lib/query-client';
import { useSession } from '@/components/auth/use-session';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FormAlert, TextField, SubmitButton } from '@/components/ui/form-fields';
import tableStyles from '@/components/ui/table.module.css';
import { useProjects } from './use-projects';

/** The user's projects (an admin: every project) with their role, and a form to create one. */
export function ProjectsView({ auth = browserAuth }: { auth?: AuthClient }) {
  const { data: session } = useSession(auth);
  const { list, create } = useProjects(auth);
  const { register, handleSubmit, formState, setError, reset } = useForm<TCreateProjectRequest>({
    resolver: zodResolver(ZCreateProjectRequest),
    defaultValues: { slug: '', name: '' },
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
  const isAdmin = session?.user.isAdmin ?? false;
  const roleOf = (slug: string) => session?.projects.find((p) => p.slug === slug)?.role ?? null;
  const projects = list.data ?? [];

  return (
    <div className="stack">
      <section className={cardStyles.card} aria-labelledby="projects-title">
        <div className={cardStyles.header}>
          <h2 id="projects-title">{isAdmin ? 'Every project' : 'Your projects'}</h2>
        </div>
        {list.error ? (
          <ReadError what="the projects" message={errorMessage(list.error) ?? ''} stale={list.data !== undefined} inset />
        ) : null}
        {list.isPending ? (
          <LoadingNote>Loading projects…</LoadingNote>
        ) : (
          <div className={tableStyles.scroll}>
            <table className={tableStyles.table} data-testid="projects-table">
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Slug</th>
                  <th scope="col">Your role</th>
                  <th scope="col">
                    <span className="visually-hidden">Links</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {projects.map((project) => {
                  const role = project.role ?? roleOf(project.slug);
                  return (
                    <tr key={project.slug} data-project={project.slug}>
                      <th scope="row">
                        <Link href={`/experiments?project=${encodeURIComponent(project.slug)}`}>{project.name}</Link>
                      </th>
                      <td className="mono">{project.slug}</td>
                      <td>{role ?? (isAdmin ? 'admin' : '—')}</td>
                      <td>
                        <Link href={`/projects/${encodeURIComponent(project.slug)}/members`}>Members</Link>
                        {canManage(role, isAdmin) ? (
                          <>
                            {' · '}
                            <Link href={`/projects/${encodeURIComponent(project.slug)}/audit`}>Audit log</Link>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={cardStyles.card} aria-labelledby="new-project-title">
        <div className={cardStyles.header}>
          <h2 id="new-project-title">New project</h2>
        </div>
        <div className={cardStyles.body}>
          <form onSubmit={(e) => void onSubmit(e)} aria-label="New project" data-testid="project-form" noValidate>
            <div className={fieldStyles.row}>
              <TextField label="Name" error={errors.name} {...register('name')} data-testid="project-name" />
              <TextField label="Slug (in URLs)" error={errors.slug} {...register('slug')} data-testid="project-slug" />
            </div>
            <FormAlert message={errors.root?.server?.message} />
            <SubmitButton pending={formState.isSubmitting} pendingLabel="Creating…" data-testid="project-create">
              Create project
            </SubmitButton>
            <p className={fieldStyles.hint}>You become its owner: you invite members and give them a role.</p>
          </form>
        </div>
      </section>
    </div>
  );
}
