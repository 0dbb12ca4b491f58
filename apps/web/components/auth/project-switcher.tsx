'use client';

import { useId } from 'react';
import type { AuthClient } from '@/lib/auth-client';
import styles from './auth.module.css';
import { useCurrentProject, useRememberedProjectInUrl, useSelectProject } from './current-project';
import { useSession } from './use-session';

/** "Project: …" in the header: the user's projects (GET /auth/session), or all of them. */
export function ProjectSwitcher({ auth }: { auth?: AuthClient }) {
  const id = useId();
  const { data: session } = useSession(auth);
  const current = useCurrentProject();
  const select = useSelectProject();
  useRememberedProjectInUrl((slug) => session?.projects.some((p) => p.slug === slug) ?? false);
  if (!session) return null;
  // a remembered project the user has since left is not offered (nor sent)
  const value = session.projects.some((p) => p.slug === current) ? (current ?? '') : '';
  return (
    <div className={styles.switcher}>
      <label htmlFor={id}>Project</label>
      <select id={id} value={value} onChange={(e) => select(e.target.value || null)} data-testid="project-switcher">
        <option value="">All projects</option>
        {session.projects.map((p) => (
          <option key={p.slug} value={p.slug}>
            {p.name} ({p.role})
          </option>
        ))}
      </select>
    </div>
  );
}
