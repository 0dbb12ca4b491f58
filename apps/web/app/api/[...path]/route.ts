// Proxies GET/POST/PATCH /api/<path> to the Atelier API at ATELIER_API_URL (read per request),
// passing status and body through and streaming text/event-stream without buffering.
import type { NextRequest } from 'next/server';
import { apiBaseUrl } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** The API's top-level resources; anything else is not ours to forward. */
const ALLOWED_ROOTS = new Set(['health', 'datasets', 'architectures', 'experiments', 'trials', 'compare', 'models', 'runs']);
/** Methods whose body is passed on. */
const WITH_BODY = new Set(['POST', 'PATCH']);
// range and if-none-match: artifact downloads resume and revalidate
const FORWARDED_REQUEST_HEADERS = ['accept', 'content-type', 'last-event-id', 'range', 'if-none-match'];
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  // downloads (model zip, trials CSV) keep the file name the API gives them
  'content-disposition',
  'cache-control',
  'location',
  'retry-after',
  'etag',
  'last-modified',
  'accept-ranges',
  'content-range',
  // a run's uploaded files come back through this origin: the API's sandbox CSP and nosniff keep
  // an uploaded HTML page or script from running as the web app
  'content-security-policy',
  'x-content-type-options',
];

function apiError(statusCode: number, error: string, message: string): Response {
  return Response.json({ statusCode, error, message }, { status: statusCode });
}

async function proxy(request: NextRequest, context: RouteContext<'/api/[...path]'>): Promise<Response> {
  const { path } = await context.params;
  if (!path.length || !ALLOWED_ROOTS.has(path[0]!)) {
    return apiError(404, 'not_found', `No API route /${path.join('/')}`);
  }

  let base: string;
  try {
    base = apiBaseUrl();
  } catch (error) {
    return apiError(500, 'misconfigured', (error as Error).message);
  }
  const target = `${base}/${path.map(encodeURIComponent).join('/')}${request.nextUrl.search}`;

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }

  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: WITH_BODY.has(request.method) ? await request.arrayBuffer() : undefined,
      // closing the browser's EventSource closes the upstream stream too
      signal: request.signal,
      cache: 'no-store',
      redirect: 'manual',
    });
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return apiError(
      502,
      'api_unreachable',
      `The Atelier API at ${base} did not answer (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}). Is it running?`,
    );
  }

  const responseHeaders = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  if (upstream.headers.get('content-type')?.startsWith('text/event-stream')) {
    responseHeaders.set('cache-control', 'no-cache, no-transform');
    // nginx and similar reverse proxies buffer responses unless told not to
    responseHeaders.set('x-accel-buffering', 'no');
  }
  // upstream.body is a stream: Next sends each chunk as it arrives (compression is off in next.config.ts)
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: responseHeaders });
}

export { proxy as GET, proxy as POST, proxy as PATCH };
