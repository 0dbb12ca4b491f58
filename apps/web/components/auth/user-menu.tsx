'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import styles from './auth.module.css';
import { useSession } from './use-session';

interface UserMenuProps {
  auth?: AuthClient;
  /** Where the page goes after signing out (tests: a spy). */
  navigate?: (href: string) => void;
}

/** The signed-in user's menu in the header: tokens, projects, users (admins), sign out. */
export function UserMenu({ auth = browserAuth, navigate = (href) => window.location.assign(href) }: UserMenuProps) {
  const { data: session } = useSession(auth);
  const client = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  if (!session) return null;

  const signOut = async () => {
    try {
      await auth.signOut();
      // nothing of this user's stays in the tab
      client.clear();
      navigate('/sign-in');
    } catch (error) {
      setFailure((error as Error).message);
    }
  };

  return (
    <details className={styles.menu} data-testid="user-menu">
      <summary aria-label={`Account: ${session.user.name}`}>{session.user.name}</summary>
      <div className={styles.menuPanel}>
        <div className={styles.who}>
          {session.user.email}
          {session.user.isAdmin ? ' · admin' : ''}
        </div>
        <Link href="/projects">Projects</Link>
        <Link href="/settings/tokens">API tokens</Link>
        {session.user.isAdmin ? <Link href="/admin/users">Users</Link> : null}
        {session.via === 'session' ? (
          <button type="button" onClick={() => void signOut()} data-testid="sign-out">
            Sign out
          </button>
        ) : null}
        {failure ? <p role="alert">Could not sign out: {failure}</p> : null}
      </div>
    </details>
  );
}
