// GET /sign-in?next=<path> → email and password; back to `next` once signed in. A fresh install (no user yet) goes to /setup.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { serverNeedsSetup } from '@/lib/server-api';
import cardStyles from '@/components/ui/card.module.css';
import styles from '@/components/auth/auth.module.css';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  if ((await serverNeedsSetup()) === true) redirect('/setup');
  const next = (await searchParams).next;
  return (
    <div className={`${cardStyles.card} ${styles.authCard}`}>
      <div className={cardStyles.header}>
        <h1>Sign in to Atelier</h1>
      </div>
      <div className={cardStyles.body}>
        <SignInForm next={typeof next === 'string' ? next : null} />
      </div>
    </div>
  );
}
