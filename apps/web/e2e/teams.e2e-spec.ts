// Issue 16 as a team lives it: the admin signs in on the page (a wrong password first), creates a
// project and an API token (its value shown once, and it works), creates a second account and
// invites it as a viewer. The viewer signs in, sees the project's experiment, cannot launch in it
// (the button is disabled, saying which role it needs), and a write tried anyway shows the API's
// 403 naming that role. With a second project, the admin's switcher narrows /experiments to one
// project (?project= in the URL) or shows every project, and a launch or a dataset import goes to
// the current project.
// Last, a fresh install without bootstrap variables opens the set-up page.
import { ZExperimentDetail, ZExperimentList, type TExperimentDetail } from '@atelier/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_ADMIN } from '../../../tests/harness/auth';
import { failureReporter, launchChromium, signedInContext } from '../../../tests/harness/browser';
import { apiJson } from '../../../tests/harness/search';
import { startE2eServers, startStack, type Stack } from '../../../tests/harness/stack';
import { expectAccessible } from './axe';
import { tinyCsv } from './tiny-csv';

describe('teams: sign-in, projects, tokens and roles', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  let browser: Browser | undefined;
  let adminContext: BrowserContext;
  let page: Page;
  let experiment: TExperimentDetail;
  /** The project's write token the admin made on the tokens page. */
  let projectToken = '';
  const browserErrors: string[] = [];
  const suffix = Date.now().toString(36);
  const slug = `vision-${suffix}`;
  const viewer = { name: 'Vic Viewer', email: `viewer-${suffix}@example.com`, password: `viewer-pw-${suffix}-long` };

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });
  /** The smallest search (one trial); without `project`, the API's default (the token's project, else 'default'). */
  const searchRequest = (name: string, project?: string) => ({
    name,
    ...(project ? { project } : {}),
    dataset: 'fashion-mnist',
    strategy: { kind: 'grid' },
    space: {
      architecture: ['mlp'],
      batchSize: [32],
      epochs: [1],
      activation: ['relu'],
      optimizer: ['adam'],
      learningRate: [0.01],
      momentum: [0],
    },
    validation: { kind: 'holdout', fraction: 0.2 },
    trainingSlice: 300,
    seed: 1,
  });

  beforeAll(async () => {
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, worker: false }));
    browser = await launchChromium();
    adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await adminContext.newPage();
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('sends a visitor to the sign-in page, refuses a wrong password with one message, and signs the admin in', async () => {
    await page.goto(`${webUrl}/projects`);
    expect(page.url()).toBe(`${webUrl}/sign-in?next=%2Fprojects`);
    await expectAccessible(page, 'sign-in');
    await page.getByTestId('sign-in-email').fill(TEST_ADMIN.email);
    await page.getByTestId('sign-in-password').fill('not the password');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error').textContent()).resolves.toBe('Wrong email or password.');
    await page.getByTestId('sign-in-password').fill(TEST_ADMIN.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${webUrl}/projects`).catch(failWith('signing in did not lead back to /projects'));
    // http-only: the page's scripts cannot read the session
    const cookie = (await adminContext.cookies()).find((c) => c.name === 'atelier_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('atelier_session');
  });

  it('creates a project the admin owns', async () => {
    await page.getByTestId('project-name').fill('Vision team');
    await page.getByTestId('project-slug').fill(slug);
    await page.getByTestId('project-create').click();
    const row = page.locator(`[data-testid="projects-table"] [data-project="${slug}"]`);
    await row.waitFor({ timeout: 10_000 }).catch(failWith('the new project is not listed'));
    expect(await row.textContent()).toContain('owner');
    // the switcher offers it at once
    await page.reload();
    await expect(page.getByTestId('project-switcher').locator(`option[value="${slug}"]`).count()).resolves.toBe(1);
  });

  it('creates a token for the project, shows its value once, and the value works as a bearer token', async () => {
    await page.goto(`${webUrl}/settings/tokens`);
    await page.getByTestId('token-name').fill('ci');
    await page.getByTestId('token-project').selectOption(slug);
    await page.getByTestId('token-scope').selectOption('write');
    await page.getByTestId('token-create').click();
    const value =
      (await page.getByTestId('new-token-value').textContent({ timeout: 10_000 }).catch(failWith('no token value shown'))) ?? '';
    expect(value).toMatch(/^atl_[A-Za-z0-9_-]{20,}$/);
    projectToken = value;
    const row = page.locator('[data-testid="tokens-table"] [data-token="ci"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain(value.slice(0, 8));
    expect(await row.textContent()).toContain(slug);
    await expectAccessible(page, 'tokens, with a new token');

    const session = (await apiJson(apiUrl, '/auth/session', { headers: { authorization: `Bearer ${value}` } })) as { via: string };
    expect(session.via).toBe('token');
    // shown once: a reload lists the token by its prefix only
    await page.reload();
    await page.locator('[data-testid="tokens-table"] [data-token="ci"]').waitFor();
    expect(await page.getByTestId('new-token-value').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(value);
  });

  it('creates a second account on the users page and invites it to the project as a viewer', async () => {
    await page.goto(`${webUrl}/admin/users`);
    await page.getByTestId('user-name').fill(viewer.name);
    await page.getByTestId('user-email').fill(viewer.email);
    await page.getByTestId('user-password').fill(viewer.password);
    await page.getByTestId('user-create').click();
    await page
      .locator(`[data-testid="users-table"] [data-user="${viewer.email}"]`)
      .waitFor({ timeout: 10_000 })
      .catch(failWith('the new account is not listed'));

    await page.goto(`${webUrl}/projects/${slug}/members`);
    await page.getByTestId('invite-email').fill(viewer.email);
    await page.getByTestId('invite-role').selectOption('viewer');
    await page.getByTestId('invite-submit').click();
    const row = page.locator(`[data-testid="members-table"] [data-member="${viewer.email}"]`);
    await row.waitFor({ timeout: 10_000 }).catch(failWith('the viewer is not a member'));
    await expect(row.getByTestId('member-role').inputValue()).resolves.toBe('viewer');

    // the last owner cannot step down: the API's 409 is shown, the role stays
    await page
      .locator(`[data-testid="members-table"] [data-member="${TEST_ADMIN.email}"]`)
      .getByTestId('member-role')
      .selectOption('viewer');
    const refusal = await page.getByTestId('member-change-error').textContent({ timeout: 10_000 });
    expect(refusal).toMatch(/owner/i);
    await page.reload();
    await expect(
      page.locator(`[data-testid="members-table"] [data-member="${TEST_ADMIN.email}"]`).getByTestId('member-role').inputValue(),
    ).resolves.toBe('owner');
    await expectAccessible(page, 'members');
  });

  it("lets the viewer see the project's experiment, but not launch or change anything in it", async () => {
    // made with the project's token: a creation without `project` goes to the token's project
    experiment = ZExperimentDetail.parse(
      await apiJson(apiUrl, '/experiments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${projectToken}` },
        body: JSON.stringify(searchRequest(`e2e team search ${suffix}`)),
      }),
    );
    const viewerContext = await signedInContext(browser!, webUrl, { user: viewer, viewport: { width: 1366, height: 900 } });
    page = await viewerContext.newPage();
    page.on('pageerror', (error) => browserErrors.push(error.message));

    await page.goto(`${webUrl}/experiments?project=${slug}`);
    await page
      .getByText(experiment.name)
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(failWith("the viewer does not see the project's experiment"));
    await expect(page.getByTestId('project-switcher').inputValue()).resolves.toBe(slug);

    // the launch form, in this project: the button is disabled and says why
    await page.goto(`${webUrl}/experiments/new?project=${slug}`);
    const launch = page.getByRole('button', { name: /^Launch/ });
    await launch.waitFor({ timeout: 15_000 }).catch(failWith('the launch form did not load'));
    expect(await launch.isDisabled()).toBe(true);
    expect(await page.getByTestId('launch-role-note').textContent()).toBe(
      `Launching needs the editor role in project '${slug}' (you are viewer).`,
    );

    // a launch tried anyway, as a script in the page would: the API's 403 names the role it needs
    const direct = await page.evaluate(
      async (request) => {
        const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
        const response = await fetch('/api/experiments', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-atelier-csrf': session.csrfToken },
          body: JSON.stringify(request),
        });
        return { status: response.status, body: (await response.json()) as { message: string } };
      },
      searchRequest('not allowed', slug),
    );
    expect(direct.status).toBe(403);
    expect(direct.body.message).toBe(`this needs the editor role in project '${slug}' (you are viewer)`);

    // and a write from the experiment's page shows that refusal
    await page.goto(`${webUrl}/experiments/${experiment.id}`);
    await page
      .getByTestId('lifecycle-actions')
      .getByRole('button', { name: 'Archive' })
      .click({ timeout: 15_000 })
      .catch(failWith("the viewer's experiment page has no Archive button"));
    const alert = page.getByTestId('lifecycle-actions').getByRole('alert');
    await alert.waitFor({ timeout: 10_000 }).catch(failWith('the refused archive showed no message'));
    expect(await alert.textContent()).toContain(`this needs the editor role in project '${slug}' (you are viewer)`);
    expect(browserErrors).toEqual([]);
  });

  it('shows a project the viewer is not in as not found', async () => {
    const response = await page.goto(`${webUrl}/projects/default/members`);
    expect(response?.status()).toBe(200);
    await page
      .getByText(/not found|no project/i)
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(failWith('the members page of a project the viewer is not in did not say not found'));
  });

  it("lists one project's experiments as the switcher picks it, or every project's, and launches in the current project", async () => {
    // a second project, with an experiment of its own; the first holds the viewer's test experiment
    const other = `audio-${suffix}`;
    const json = { 'content-type': 'application/json' };
    await apiJson(apiUrl, '/projects', { method: 'POST', headers: json, body: JSON.stringify({ slug: other, name: 'Audio team' }) });
    const inOther = ZExperimentDetail.parse(
      await apiJson(apiUrl, '/experiments', {
        method: 'POST',
        headers: json,
        body: JSON.stringify(searchRequest(`e2e audio search ${suffix}`, other)),
      }),
    );
    page = await adminContext.newPage();
    page.on('pageerror', (error) => browserErrors.push(error.message));
    const switcher = page.getByTestId('project-switcher');
    /** This spec's experiments in the table (an external stack may list others), by name. */
    const listed = async () =>
      (await page.locator('main table tbody tr td:first-child a').allTextContents()).filter((name) => name.includes(suffix)).sort();
    const expectListed = async (names: string[], what: string) => {
      const wanted = [...names].sort();
      await page
        .waitForFunction(
          ({ wanted, suffix }) =>
            JSON.stringify(
              [...document.querySelectorAll('main table tbody tr td:first-child a')]
                .map((a) => a.textContent)
                .filter((name) => name.includes(suffix))
                .sort(),
            ) === JSON.stringify(wanted),
          { wanted, suffix },
          { timeout: 15_000 },
        )
        .catch(failWith(what));
      expect(await listed()).toEqual(wanted);
    };

    await page.goto(`${webUrl}/experiments`);
    await expectListed([experiment.name, inOther.name], 'every project: both experiments are not listed');
    await expect(switcher.inputValue()).resolves.toBe('');

    await switcher.selectOption(slug);
    await page.waitForURL(`${webUrl}/experiments?project=${slug}`).catch(failWith('picking a project did not put it in the URL'));
    await expectListed([experiment.name], 'picking the first project did not narrow the list to its experiment');
    // the total is the project's too (this stack's projects hold nothing else)
    if (stack) expect(await page.getByTestId('experiments-total').textContent()).toBe('1 in total');
    // a sort keeps the project
    await page.getByRole('link', { name: /^Name/ }).click();
    await page.waitForURL(`${webUrl}/experiments?project=${slug}&sort=name`).catch(failWith('sorting dropped the project'));
    await expectListed([experiment.name], 'the sorted list is not the project’s');
    // one project's list has no Project column
    expect(await page.getByRole('columnheader', { name: 'Project' }).count()).toBe(0);

    await switcher.selectOption({ label: 'All projects' });
    await page.waitForURL(`${webUrl}/experiments?sort=name`).catch(failWith('"All projects" did not leave the URL'));
    await expectListed([experiment.name, inOther.name], '"All projects" did not list both experiments');
    // every project's list says whose each row is; its link narrows to that project
    const projectOf = page.locator('main table tbody tr', { hasText: inOther.name }).getByTestId('experiment-project');
    expect(await projectOf.textContent()).toBe('Audio team');
    expect(await projectOf.getByRole('link').getAttribute('href')).toBe(`/experiments?project=${other}`);

    // the second project picked, then the header's links (no ?project): the remembered project goes into their URL
    await switcher.selectOption(other);
    await page.waitForURL(`${webUrl}/experiments?project=${other}&sort=name`);
    await expectListed([inOther.name], 'picking the second project did not narrow the list to its experiment');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Experiments' }).click();
    await page.waitForURL(`${webUrl}/experiments?project=${other}`).catch(failWith('the remembered project did not go into the URL'));
    await expectListed([inOther.name], 'the remembered project does not filter the list');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New experiment' }).click();
    await page.waitForURL(`${webUrl}/experiments/new?project=${other}`).catch(failWith('the launch form did not get the project'));
    await expect(switcher.inputValue()).resolves.toBe(other);

    const launched = `e2e launched in audio ${suffix}`;
    await page.getByLabel('Name').fill(launched);
    await page.locator('input[name="dataset"][value="fashion-mnist"]').check();
    for (const box of await page.locator('input[name="architecture"]:checked').all()) await box.uncheck();
    await page.locator('input[name="architecture"][value="mlp"]').check();
    await page.getByLabel('Batch sizes').fill('32');
    await page.getByLabel('Learning rates').fill('0.01');
    await page.getByLabel('Epochs', { exact: true }).fill('1');
    await page.getByLabel('Momentum').fill('0');
    await page.locator('input[name="validationKind"][value="holdout"]').check({ force: true });
    await page.getByLabel('Validation fraction').fill('0.2');
    await page.getByLabel('Training slice (images)').fill('300');
    await page.locator('[data-testid="plan-ok"]').waitFor({ timeout: 15_000 }).catch(failWith('the server plan did not pass'));
    await page.getByRole('button', { name: /^Launch/ }).click();
    await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/, { timeout: 30_000 }).catch(failWith('launching did not open the experiment'));
    const id = new URL(page.url()).pathname.split('/').pop();

    // the API's word: the new experiment is in the second project, not the first
    const search = (project: string) => `/experiments?project=${project}&q=${encodeURIComponent(launched)}`;
    const inSecond = ZExperimentList.parse(await apiJson(apiUrl, search(other)));
    expect(inSecond.total).toBe(1);
    expect(inSecond.items.map((item) => [item.id, item.name])).toEqual([[id, launched]]);
    expect(ZExperimentList.parse(await apiJson(apiUrl, search(slug))).total).toBe(0);
    // and the second project's list shows both of its experiments
    await page.goto(`${webUrl}/experiments?project=${other}`);
    await expectListed([inOther.name, launched], "the second project's list lacks the launched experiment");
    expect(browserErrors).toEqual([]);
  });

  it("imports a dataset in the current project: listed in that project's datasets, not in the other's", async () => {
    const other = `audio-${suffix}`;
    const key = `e2e-audio-${suffix}`;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click();
    await page.waitForURL(`${webUrl}/datasets?project=${other}`).catch(failWith('the datasets page did not get the remembered project'));
    await page.getByRole('link', { name: 'Import dataset' }).click();
    await page.waitForURL(`${webUrl}/datasets/import?project=${other}`).catch(failWith('the import link dropped the project'));
    await page.getByLabel('Name', { exact: true }).fill(`E2E audio ${suffix}`);
    await page.getByLabel('Key', { exact: true }).fill(key);
    await page.getByLabel(/Class names/).fill('stripe 0, stripe 1, stripe 2, stripe 3');
    await page.getByLabel(/Train CSV/).setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(tinyCsv()) });
    await page.getByRole('button', { name: 'Import dataset' }).click();
    await page.waitForURL(new RegExp(`/datasets/${key}$`), { timeout: 30_000 }).catch(failWith('importing did not open the new dataset'));

    const keys = async (project: string) =>
      ((await apiJson(apiUrl, `/datasets?project=${project}`)) as { key: string }[]).map((d) => d.key).filter((k) => k.startsWith('e2e-'));
    await expect(keys(other)).resolves.toEqual([key]);
    await expect(keys(slug)).resolves.toEqual([]);
    await page.goto(`${webUrl}/datasets?project=${slug}`);
    await page.getByRole('heading', { name: 'Datasets', exact: true }).waitFor();
    expect(await page.locator(`tr[data-key="${key}"]`).count()).toBe(0);
    await page.goto(`${webUrl}/datasets?project=${other}`);
    await page.locator(`tr[data-key="${key}"]`).waitFor({ timeout: 10_000 }).catch(failWith("the project's datasets lack the import"));
    expect(browserErrors).toEqual([]);
  });
});

describe('a fresh install (no bootstrap variables)', () => {
  let stack: Stack | null = null;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];
  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  beforeAll(async () => {
    // external servers (E2E_WEB_URL) were started with an admin: this needs its own stack
    stack = await startStack({ web: true, worker: false, bootstrap: false });
    browser = await launchChromium();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('opens the set-up page until the first admin exists, and signs that admin in', async () => {
    const webUrl = stack!.webUrl!;
    await page.goto(`${webUrl}/experiments`);
    // no session: the sign-in page, which knows there is no one to sign in yet
    await page.waitForURL(`${webUrl}/setup`).catch(failWith('a fresh install did not open the set-up page'));
    await expectAccessible(page, 'set-up');
    await page.getByTestId('setup-name').fill('First Admin');
    await page.getByTestId('setup-email').fill('first@example.com');
    await page.getByTestId('setup-password').fill('short');
    await page.getByTestId('setup-submit').click();
    expect(await page.getByText('password must be at least 10 characters').count()).toBe(1);
    await page.getByTestId('setup-password').fill('a long first password');
    await page.getByTestId('setup-submit').click();
    await page.waitForURL(`${webUrl}/experiments`).catch(failWith('set-up did not sign the admin in'));
    expect(await page.getByTestId('user-menu').textContent()).toContain('First Admin');
    // once someone exists, the set-up page is closed
    await page.goto(`${webUrl}/setup`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
