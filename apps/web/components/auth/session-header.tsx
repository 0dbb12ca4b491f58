'use client';

import { Suspense } from 'react';
import type { TSession } from '@/lib/auth-schemas';
import styles from './auth.module.css';
import { ProjectSwitcher } from './project-switcher';
import { UserMenu } from './user-menu';
import { useSeedSession } from './use-session';

/** The header's right side for a signed-in user: project switcher and account menu. */
export function SessionHeader({ session }: { session: TSession | null }) {
  useSeedSession(session);
  if (!session) return null;
  return (
    <div className={styles.headerTools}>
      {/* reads the URL's ?project: a static page renders it on the client only */}
      <Suspense fallback={null}>
        <ProjectSwitcher />
      </Suspense>
      <UserMenu />
    </div>
  );
}
