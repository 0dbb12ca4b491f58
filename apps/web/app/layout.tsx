import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionHeader } from '@/components/auth/session-header';
import { CompareTray } from '@/components/compare/compare-tray';
import { HiddenOnPaths } from '@/components/ui/hidden-on-paths';
import { IntentLink } from '@/components/ui/intent-link';
import { QueryProvider } from '@/components/ui/query-provider';
import { themeInitScript } from '@/components/ui/theme';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import { signInHref } from '@/lib/auth-client';
import { isPublicPage, PATH_HEADER, type TSession } from '@/lib/auth-schemas';
import { serverSession } from '@/lib/server-api';
import './tokens.css';
import './globals.css';
import styles from './layout.module.css';

export const metadata: Metadata = {
  title: { default: 'Atelier', template: '%s · Atelier' },
  description: 'Experiment tracking and hyperparameter search for TensorFlow.js image classifiers',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/**
 * The signed-in user, for the header. proxy.ts already sent visitors without a session cookie to
 * the sign-in page; a cookie the API no longer knows (expired, signed out elsewhere) goes there too.
 */
async function headerSession(): Promise<TSession | null> {
  const path = (await headers()).get(PATH_HEADER);
  // no path: a page the proxy does not see (not-found of a static file); public pages have no user
  if (path === null || isPublicPage(path)) return null;
  const session = await serverSession();
  if (session === null) redirect(signInHref(path));
  // the API is down: each page says so in its own words
  return session === 'unavailable' ? null : session;
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await headerSession();
  return (
    // data-theme is set by the script below before React hydrates: React must not call that a mismatch
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* runs before first paint, so a dark page never flashes white (components/ui/theme.ts) */}
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body>
        <QueryProvider>
          <a className={styles.skipLink} href="#main">
            Skip to content
          </a>
          <header className={styles.header}>
            <div className={styles.headerInner}>
              <IntentLink href="/experiments" className={styles.brand}>
                <span className={styles.logo} aria-hidden="true" />
                Atelier
              </IntentLink>
              <nav aria-label="Main">
                <IntentLink href="/experiments">Experiments</IntentLink>
                <IntentLink href="/experiments/new">New experiment</IntentLink>
                <IntentLink href="/datasets">Datasets</IntentLink>
                <IntentLink href="/models">Models</IntentLink>
                <IntentLink href="/compare">Compare</IntentLink>
                <IntentLink href="/trash">Trash</IntentLink>
              </nav>
              <div className={styles.headerEnd}>
                <SessionHeader session={session} />
                <ThemeToggle />
              </div>
            </div>
          </header>
          {/* focusable so the skip link and the emptied compare tray can move the focus here */}
          <main id="main" className={styles.main} tabIndex={-1}>
            {children}
          </main>
          {/* on the compare pages the selection is the page itself */}
          <HiddenOnPaths paths={['/compare', '/runs/compare']}>
            <CompareTray />
          </HiddenOnPaths>
        </QueryProvider>
      </body>
    </html>
  );
}
