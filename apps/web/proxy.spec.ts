import { NextRequest } from 'next/server';
import { PATH_HEADER } from './lib/auth-schemas';
import { proxy } from './proxy';

const visit = (url: string, cookie?: string) => proxy(new NextRequest(url, { headers: cookie ? { cookie } : {} }));

describe('proxy (route protection)', () => {
  it('sends a visitor without a session to the sign-in page, keeping where they were going', () => {
    const response = visit('http://web.test/experiments?status=running');
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('http://web.test/sign-in?next=%2Fexperiments%3Fstatus%3Drunning');
  });

  it('sends the home page to the sign-in page without a next', () => {
    expect(visit('http://web.test/').headers.get('location')).toBe('http://web.test/sign-in');
  });

  it.each(['/sign-in', '/sign-in?next=%2Fruns', '/setup'])('lets %s through without a session', (path) => {
    const response = visit(`http://web.test${path}`);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });

  it('lets a visitor with a session cookie through, telling the layout the path', () => {
    const response = visit('http://web.test/projects/vision/members?x=1', 'atelier_session=abc');
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get(`x-middleware-request-${PATH_HEADER}`)).toBe('/projects/vision/members?x=1');
  });

  it('does not count an empty cookie as a session', () => {
    expect(visit('http://web.test/runs', 'atelier_session=').status).toBe(307);
  });
});
