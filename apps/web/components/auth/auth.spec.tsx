import { ApiError } from '@atelier/client';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderWithQuery } from '../../test/query';
import { fakeAuth, sessionFixture } from '../../test/fixtures/auth';
import { SignInForm, signInFailure } from './sign-in-form';
import { UserMenu } from './user-menu';

async function fill(testId: string, value: string) {
  await act(async () => {
    fireEvent.change(screen.getByTestId(testId), { target: { value } });
    await Promise.resolve();
  });
}

async function submit(testId: string) {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('SignInForm', () => {
  it('signs in with the lower-cased email and goes back to the page the visitor came from', async () => {
    const signIn = jest.fn(() => Promise.resolve({ user: sessionFixture().user, csrfToken: 'c' }));
    const navigate = jest.fn();
    renderWithQuery(<SignInForm next="/runs?x=1" auth={fakeAuth({ signIn })} navigate={navigate} />);
    await fill('sign-in-email', ' Ada@Example.com ');
    await fill('sign-in-password', 'correct horse battery');
    await submit('sign-in-submit');
    expect(signIn).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(navigate).toHaveBeenCalledWith('/runs?x=1');
  });

  it('never goes to another site after signing in', async () => {
    const navigate = jest.fn();
    renderWithQuery(
      <SignInForm
        next="//evil.example/"
        auth={fakeAuth({ signIn: () => Promise.resolve({ user: sessionFixture().user, csrfToken: 'c' }) })}
        navigate={navigate}
      />,
    );
    await fill('sign-in-email', 'ada@example.com');
    await fill('sign-in-password', 'x');
    await submit('sign-in-submit');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says one generic message for a wrong email or password', async () => {
    const signIn = jest.fn(() => Promise.reject(new ApiError(401, { error: 'unauthorized', message: 'wrong email or password' })));
    renderWithQuery(<SignInForm next={null} auth={fakeAuth({ signIn })} navigate={jest.fn()} />);
    await fill('sign-in-email', 'nobody@example.com');
    await fill('sign-in-password', 'nope');
    await submit('sign-in-submit');
    expect(screen.getByTestId('sign-in-error').textContent).toBe('Wrong email or password.');
  });

  it('asks for an email before calling the API', async () => {
    const signIn = jest.fn();
    renderWithQuery(<SignInForm next={null} auth={fakeAuth({ signIn })} navigate={jest.fn()} />);
    await fill('sign-in-email', 'not an email');
    await submit('sign-in-submit');
    expect(signIn).not.toHaveBeenCalled();
    expect(screen.getByText('email must be an email address')).toBeTruthy();
  });
});

describe('signInFailure', () => {
  const limited = (retryAfter: number | null) =>
    Object.assign(new ApiError(429, { error: 'too_many_requests', message: 'slow down' }), { retryAfter });
  it.each([
    [limited(42), 'Too many sign-in attempts. Try again in 42 s.'],
    [limited(900), 'Too many sign-in attempts. Try again in 15 min.'],
    [limited(null), 'Too many sign-in attempts. Wait a moment, then try again.'],
    [new ApiError(503, { error: 'api_unreachable', message: 'Cannot reach the Atelier API' }), 'Cannot reach the Atelier API'],
  ])('%#', (error, message) => expect(signInFailure(error)).toBe(message));
});

describe('UserMenu', () => {
  it('shows the user, the admin link only to admins, and signs out to the sign-in page with the cache emptied', async () => {
    const signOut = jest.fn(() => Promise.resolve());
    const navigate = jest.fn();
    const auth = fakeAuth({ getSession: () => Promise.resolve(sessionFixture({ isAdmin: true })), signOut });
    const { client } = renderWithQuery(<UserMenu auth={auth} navigate={navigate} />);
    expect(await screen.findByText('Ada')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Users' }).getAttribute('href')).toBe('/admin/users');
    expect(screen.getByRole('link', { name: 'API tokens' }).getAttribute('href')).toBe('/settings/tokens');
    await submit('sign-out');
    expect(signOut).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });

  it('has no users link for a member', async () => {
    renderWithQuery(<UserMenu auth={fakeAuth({ getSession: () => Promise.resolve(sessionFixture()) })} navigate={jest.fn()} />);
    expect(await screen.findByText('Ada')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
  });
});
