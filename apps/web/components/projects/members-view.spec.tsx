import { ApiError } from '@atelier/client';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { TMember } from '@/lib/auth-schemas';
import { renderWithQuery } from '../../test/query';
import { fakeAuth, sessionFixture } from '../../test/fixtures/auth';
import { MembersView } from './members-view';

const ADA: TMember = { userId: 'u-ada', email: 'ada@example.com', name: 'Ada', role: 'owner', createdAt: '2026-12-01T00:00:00.000Z' };
const BOB: TMember = { userId: 'u-bob', email: 'bob@example.com', name: 'Bob', role: 'viewer', createdAt: '2026-12-02T00:00:00.000Z' };

async function step(action: () => void) {
  await act(async () => {
    action();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('MembersView', () => {
  it('lets an owner invite by email with a role', async () => {
    let members = [ADA];
    const addMember = jest.fn((_slug: string, request: { email: string; role: TMember['role'] }) => {
      const added = { ...BOB, email: request.email, role: request.role };
      members = [...members, added];
      return Promise.resolve(added);
    });
    const auth = fakeAuth({
      getSession: () => Promise.resolve(sessionFixture({}, [{ slug: 'vision', name: 'Vision', role: 'owner' }])),
      listMembers: () => Promise.resolve(members),
      addMember,
    });
    renderWithQuery(<MembersView slug="vision" auth={auth} />);
    await screen.findByTestId('invite-form');
    await step(() => fireEvent.change(screen.getByTestId('invite-email'), { target: { value: 'Bob@Example.com' } }));
    await step(() => fireEvent.change(screen.getByTestId('invite-role'), { target: { value: 'editor' } }));
    await step(() => fireEvent.click(screen.getByTestId('invite-submit')));
    expect(addMember).toHaveBeenCalledWith('vision', { email: 'bob@example.com', role: 'editor' });
    const row = (await screen.findByTestId('members-table')).querySelector('[data-member="bob@example.com"]') as HTMLElement;
    expect(within(row).getByRole<HTMLSelectElement>('combobox', { name: 'Role of bob@example.com' }).value).toBe('editor');
  });

  it("shows the API's 404 naming an email that has no account", async () => {
    const auth = fakeAuth({
      getSession: () => Promise.resolve(sessionFixture({}, [{ slug: 'vision', name: 'Vision', role: 'owner' }])),
      listMembers: () => Promise.resolve([ADA]),
      addMember: () => Promise.reject(new ApiError(404, { error: 'not_found', message: 'no user with the email carol@example.com' })),
    });
    renderWithQuery(<MembersView slug="vision" auth={auth} />);
    await screen.findByTestId('invite-form');
    await step(() => fireEvent.change(screen.getByTestId('invite-email'), { target: { value: 'carol@example.com' } }));
    await step(() => fireEvent.click(screen.getByTestId('invite-submit')));
    expect(screen.getByTestId('invite-error').textContent).toBe('no user with the email carol@example.com');
  });

  it('shows the 409 when the last owner would be demoted, and the role stays what the API says', async () => {
    const message = "ada@example.com is the last owner of 'vision': make someone else owner first";
    const auth = fakeAuth({
      getSession: () => Promise.resolve(sessionFixture({}, [{ slug: 'vision', name: 'Vision', role: 'owner' }])),
      listMembers: () => Promise.resolve([ADA]),
      updateMember: () => Promise.reject(new ApiError(409, { error: 'conflict', message })),
    });
    renderWithQuery(<MembersView slug="vision" auth={auth} />);
    const select = await screen.findByRole<HTMLSelectElement>('combobox', { name: 'Role of ada@example.com' });
    await step(() => fireEvent.change(select, { target: { value: 'viewer' } }));
    expect((await screen.findByTestId('member-change-error')).textContent).toBe(message);
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Role of ada@example.com' }).value).toBe('owner');
  });

  it('shows a viewer the members without any control', async () => {
    const auth = fakeAuth({
      getSession: () => Promise.resolve(sessionFixture({}, [{ slug: 'vision', name: 'Vision', role: 'viewer' }])),
      listMembers: () => Promise.resolve([ADA, BOB]),
    });
    renderWithQuery(<MembersView slug="vision" auth={auth} />);
    expect(await screen.findByText('bob@example.com')).toBeTruthy();
    expect(await screen.findByText('Your role: viewer')).toBeTruthy();
    expect(screen.queryByTestId('invite-form')).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
  });
});
