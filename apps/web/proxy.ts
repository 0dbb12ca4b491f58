import { NextResponse, type NextRequest } from 'next/server';
import { isPublicPage, PATH_HEADER, SESSION_COOKIE } from './lib/auth-schemas';

/**
 * Route protection (Next 16's proxy, formerly middleware): a visitor without a session cookie is
 * sent to the sign-in page before any page renders, and comes back to where they were going.
 * Whether the cookie is still good is the API's to say: the root layout asks it, and any 401 in
 * the browser leads to the sign-in page too (lib/auth-client.ts). The API routes (/api/*) are
 * not matched: the API answers 401 itself.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (!isPublicPage(pathname) && !request.cookies.get(SESSION_COOKIE)?.value) {
    const target = new URL('/sign-in', request.url);
    if (pathname !== '/') target.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(target);
  }
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // everything but the API proxy, Next's own files and the icon
  matcher: ['/((?!api/|_next/static/|_next/image|icon\\.svg$|favicon\\.ico$).*)'],
};
