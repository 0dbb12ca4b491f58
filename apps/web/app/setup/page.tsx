// GET /setup → the first admin of a fresh install; open only while GET /auth/setup says no user exists yet.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SetupForm } from '@/components/auth/setup-form';
import { StatePanel } from '@/components/ui/state-panel';
import { serverNeedsSetup } from '@/lib/server-api';
import cardStyles from '@/components/ui/card.module.css';
import styles from '@/components/auth/auth.module.css';

export const metadata: Metadata = { title: 'Set up' };

export default async function SetupPage() {
  const needsSetup = await serverNeedsSetup();
  if (needsSetup === false) redirect('/sign-in');
  if (needsSetup === null) {
    return (
      <StatePanel tone="error" title="Cannot reach the Atelier API" headingLevel={1}>
        The set-up page needs the API. Check that it is running and that ATELIER_API_URL points to it.
      </StatePanel>
    );
  }
  return (
    <div className={`${cardStyles.card} ${styles.authCard}`}>
      <div className={cardStyles.header}>
        <h1>Set up Atelier</h1>
      </div>
      <div className={cardStyles.body}>
        <p className="muted">No one has an account yet. Create the first admin: they own the default project and can add everyone else.</p>
        <SetupForm />
      </div>
    </div>
  );
}
