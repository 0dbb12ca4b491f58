import { act, fireEvent, screen, within } from '@testing-library/react';
import type { TApiToken } from '@/lib/auth-schemas';
import { renderWithQuery } from '../../test/query';
import { fakeAuth, sessionFixture } from '../../test/fixtures/auth';
import { TokensView } from './tokens-view';

const TOKEN: TApiToken = {
  id: 't1',
  name: 'ci',
  prefix: 'atl_Ab3d',
  scope: 'read',
  project: 'vision',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
};

async function step(action: () => void) {
  await act(async () => {
    action();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('TokensView', () => {
  it('creates a token for a project, shows its value once, and lists it by prefix', async () => {
    let tokens: TApiToken[] = [];
    const created = { ...TOKEN, id: 't2', name: 'nightly', scope: 'write' as const, token: 'atl_secretvalue0123456789' };
    const createToken = jest.fn(() => {
      tokens = [{ ...created, token: undefined } as unknown as TApiToken];
      return Promise.resolve(created);
    });
    const auth = fakeAuth({
      getSession: () => Promise.resolve(sessionFixture({}, [{ slug: 'vision', name: 'Vision', role: 'editor' }])),
      listTokens: () => Promise.resolve(tokens),
      createToken,
    });
    renderWithQuery(<TokensView auth={auth} />);
    expect(await screen.findByText(/No tokens yet/)).toBeTruthy();
    await step(() => fireEvent.change(screen.getByTestId('token-name'), { target: { value: 'nightly' } }));
    await step(() => fireEvent.change(screen.getByTestId('token-project'), { target: { value: 'vision' } }));
    await step(() => fireEvent.change(screen.getByTestId('token-scope'), { target: { value: 'write' } }));
    await step(() => fireEvent.change(screen.getByTestId('token-expiry'), { target: { value: '30' } }));
    await step(() => fireEvent.click(screen.getByTestId('token-create')));
    expect(createToken).toHaveBeenCalledWith({ name: 'nightly', project: 'vision', scope: 'write', expiresInDays: 30 });
    expect(screen.getByTestId('new-token-value').textContent).toBe('atl_secretvalue0123456789');
    const row = (await screen.findByTestId('tokens-table')).querySelector('[data-token="nightly"]') as HTMLElement;
    expect(within(row).getByText('atl_Ab3d…')).toBeTruthy();
    expect(row.textContent).toContain('Read and write');
    expect(row.textContent).toContain('never expires');
    // the value is gone once dismissed: it is never shown again
    await step(() => fireEvent.click(screen.getByRole('button', { name: 'Done' })));
    expect(screen.queryByTestId('new-token-value')).toBeNull();
  });

  it('sends no expiry for an empty field, and refuses a fraction of a day', async () => {
    const createToken = jest.fn(() => Promise.resolve({ ...TOKEN, token: 'atl_x' }));
    const auth = fakeAuth({
      getSession: () => Promise.resolve(sessionFixture({ isAdmin: true })),
      listTokens: () => Promise.resolve([]),
      createToken,
    });
    renderWithQuery(<TokensView auth={auth} />);
    await step(() => fireEvent.change(screen.getByTestId('token-name'), { target: { value: 'ops' } }));
    await step(() => fireEvent.change(screen.getByTestId('token-expiry'), { target: { value: '1.5' } }));
    await step(() => fireEvent.click(screen.getByTestId('token-create')));
    expect(createToken).not.toHaveBeenCalled();
    expect(screen.getByText('a whole number of days')).toBeTruthy();
    await step(() => fireEvent.change(screen.getByTestId('token-expiry'), { target: { value: '' } }));
    await step(() => fireEvent.click(screen.getByTestId('token-create')));
    expect(createToken).toHaveBeenCalledWith({ name: 'ops', project: null, scope: 'read' });
  });

  it('revokes a token and shows when it was last used', async () => {
    let tokens: TApiToken[] = [{ ...TOKEN, lastUsedAt: '2026-12-06T10:00:00.000Z' }];
    const revokeToken = jest.fn((id: string) => {
      tokens = tokens.map((t) => (t.id === id ? { ...t, revokedAt: '2026-12-07T10:00:00.000Z' } : t));
      return Promise.resolve();
    });
    const auth = fakeAuth({ getSession: () => Promise.resolve(sessionFixture()), listTokens: () => Promise.resolve(tokens), revokeToken });
    renderWithQuery(<TokensView auth={auth} />);
    const revoke = await screen.findByRole('button', { name: 'Revoke ci' });
    expect(screen.getByTestId('tokens-table').textContent).toContain('06 Dec 2026, 10:00 UTC');
    await step(() => fireEvent.click(revoke));
    expect(revokeToken).toHaveBeenCalledWith('t1');
    expect(await screen.findByText(/^revoked /)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke ci' })).toBeNull();
  });
});
