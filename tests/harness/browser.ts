// Chromium for the e2e specs.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
// Headless in a container (no sandbox, no GPU), and nothing fetched in the background to skew a
// timing. JSON so the plain-JS scripts (bench/ui, bench/quickstart, apps/web/scripts/screenshot.mjs)
// launch it the same way.
import CHROMIUM_ARGS from './chromium-args.json';
import { TEST_ADMIN } from './auth';
import type { Stack } from './stack';

/** The system Chromium (CHROMIUM_PATH, else /usr/bin/chromium): playwright-core ships no browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Credentials {
  email: string;
  password: string;
}

/**
 * A browser context signed in as `user` (default: the stack's admin): one POST to the web's
 * /api/auth/sign-in through the context's own request client, whose cookie jar the pages share, so
 * no spec spends a page load on the sign-in form unless that form is what it tests.
 */
export async function signedInContext(
  browser: Browser,
  webUrl: string,
  { user = TEST_ADMIN, ...options }: BrowserContextOptions & { user?: Credentials } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const response = await context.request.post(`${webUrl}/api/auth/sign-in`, { data: { email: user.email, password: user.password } });
  if (!response.ok()) {
    await context.close();
    throw new Error(`signing in as ${user.email} answered ${response.status()}: ${await response.text()}`);
  }
  return context;
}

/** A page of its own signed-in context (see signedInContext); closing the browser closes both. */
export async function signedInPage(
  browser: Browser,
  webUrl: string,
  options: BrowserContextOptions & { user?: Credentials } = {},
): Promise<Page> {
  return (await signedInContext(browser, webUrl, options)).newPage();
}

export interface FailureContext {
  /** Read when a step fails: the page is opened after the reporter is made. */
  page: () => Page;
  browserErrors: readonly string[];
  /** The harness stack, or null against servers it did not start (no logs to show). */
  stack: () => Stack | null;
  /** How much of the page's text to show. */
  pageChars?: number;
  /** How many of the processes' last log lines to show. */
  logLines?: number;
}

/**
 * `step.catch(failWith('what should have happened'))` rethrows with what the page showed, what the
 * browser threw and what the processes logged: enough to see why without rerunning.
 */
export function failureReporter(context: FailureContext): (what: string) => (error: unknown) => Promise<never> {
  const { pageChars = 1500, logLines = 60 } = context;
  return (what) => async (error) => {
    const page = context.page();
    const stack = context.stack();
    const shown = await page
      .locator('body')
      .innerText()
      .catch(() => '(no page)');
    throw new Error(
      [
        `${what}: ${(error as Error).message}`,
        `page ${page.url()}:\n${shown.slice(0, pageChars)}`,
        `browser errors: ${context.browserErrors.join('\n') || 'none'}`,
        stack ? stack.logs().split('\n').slice(-logLines).join('\n') : '',
      ].join('\n\n'),
    );
  };
}
