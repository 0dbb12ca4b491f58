import { act, fireEvent, screen } from '@testing-library/react';
import { renderWithQuery } from '../../test/query';
import { fakeAuth, sessionFixture } from '../../test/fixtures/auth';
import { PROJECT_STORAGE_KEY, projectHref } from './current-project';
import { ProjectSwitcher } from './project-switcher';

let pathname = '/experiments';
let search = '';
const push = jest.fn();
const replace = jest.fn();
jest.mock('next/navigation', () => ({
  usePathname: () => pathname,
  useSearchParams: () => new URLSearchParams(search),
  useRouter: () => ({ push, replace }),
}));

const projects = [
  { slug: 'vision', name: 'Vision', role: 'owner' as const },
  { slug: 'audio', name: 'Audio', role: 'viewer' as const },
];
const auth = fakeAuth({ getSession: () => Promise.resolve(sessionFixture({}, projects)) });

async function renderSwitcher() {
  renderWithQuery(<ProjectSwitcher auth={auth} />);
  return screen.findByTestId<HTMLSelectElement>('project-switcher');
}

describe('ProjectSwitcher', () => {
  beforeEach(() => {
    pathname = '/experiments';
    search = '';
    push.mockReset();
    replace.mockReset();
    window.localStorage.clear();
  });

  it("shows the URL's project, and a pick goes into the URL of a list (back to its first page) and is remembered", async () => {
    search = 'sort=name&project=audio&page=3';
    const select = await renderSwitcher();
    expect(select.value).toBe('audio');
    act(() => {
      fireEvent.change(select, { target: { value: 'vision' } });
    });
    expect(push).toHaveBeenCalledWith('/experiments?project=vision&sort=name');
    expect(window.localStorage.getItem(PROJECT_STORAGE_KEY)).toBe('"vision"');
    act(() => {
      fireEvent.change(select, { target: { value: '' } });
    });
    expect(push).toHaveBeenLastCalledWith('/experiments?sort=name');
    expect(window.localStorage.getItem(PROJECT_STORAGE_KEY)).toBeNull();
  });

  it('puts the remembered project into the URL of a list or a form opened without one, in place', async () => {
    window.localStorage.setItem(PROJECT_STORAGE_KEY, JSON.stringify('vision'));
    for (const page of ['/experiments', '/datasets', '/models', '/trash', '/experiments/new', '/datasets/import']) {
      pathname = page;
      replace.mockReset();
      const view = renderWithQuery(<ProjectSwitcher auth={auth} />);
      expect((await screen.findByTestId<HTMLSelectElement>('project-switcher')).value).toBe('vision');
      expect(replace).toHaveBeenCalledWith(`${page}?project=vision`);
      view.unmount();
    }
    expect(push).not.toHaveBeenCalled();
  });

  it('leaves the URL alone when it names a project, off the project pages, and for a project the user has left', async () => {
    window.localStorage.setItem(PROJECT_STORAGE_KEY, JSON.stringify('vision'));
    search = 'project=audio';
    let view = renderWithQuery(<ProjectSwitcher auth={auth} />);
    expect((await screen.findByTestId<HTMLSelectElement>('project-switcher')).value).toBe('audio');
    view.unmount();
    search = '';
    pathname = '/experiments/e1';
    view = renderWithQuery(<ProjectSwitcher auth={auth} />);
    await screen.findByTestId('project-switcher');
    view.unmount();
    pathname = '/experiments';
    window.localStorage.setItem(PROJECT_STORAGE_KEY, JSON.stringify('left-long-ago'));
    const select = await renderSwitcher();
    expect(select.value).toBe('');
    expect(replace).not.toHaveBeenCalled();
  });

  it('on another page, a pick stays out of the URL, unless the URL carries a ?project (it would outrank the pick)', async () => {
    pathname = '/settings/tokens';
    let view = renderWithQuery(<ProjectSwitcher auth={auth} />);
    await act(async () => {
      fireEvent.change(await screen.findByTestId('project-switcher'), { target: { value: 'audio' } });
    });
    expect(push).not.toHaveBeenCalled();
    expect(window.localStorage.getItem(PROJECT_STORAGE_KEY)).toBe('"audio"');
    view.unmount();
    pathname = '/experiments/e1';
    search = 'project=vision&tab=runs';
    view = renderWithQuery(<ProjectSwitcher auth={auth} />);
    await act(async () => {
      fireEvent.change(await screen.findByTestId('project-switcher'), { target: { value: 'audio' } });
    });
    expect(push).toHaveBeenCalledWith('/experiments/e1?project=audio&tab=runs');
    expect(projectHref('/datasets', new URLSearchParams('cursor=abc'), null)).toBe('/datasets');
  });
});
