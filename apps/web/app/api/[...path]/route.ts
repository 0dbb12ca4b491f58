// Proxies GET/POST/PATCH/PUT/DELETE /api/<path> to the Atelier API at ATELIER_API_URL (read per
// request), passing status, body and credentials through: the session cookie, a bearer token and the
// CSRF header go on, the API's Set-Cookie headers (sign-in, sign-out) come back. Both bodies stream: a request body of any size goes on as it
// arrives (up to ATELIER_WEB_MAX_UPLOAD_BYTES, else 413), and a response, text/event-stream
// included, reaches the browser chunk by chunk; the web server never holds a whole body.
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { NextRequest } from 'next/server';
import { apiBaseUrl, maxUploadBytes } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** The API's top-level resources; anything else is not ours to forward. */
const ALLOWED_ROOTS = new Set([
  'health',
  'datasets',
  'architectures',
  'experiments',
  'trials',
  'compare',
  'models',
  'runs',
  'trash',
  'registered-models',
  // sign-in, session, set-up; projects and members; API tokens; instance users (issue 16)
  'auth',
  'projects',
  'tokens',
  'users',
]);
/** Methods whose body is passed on. */
const WITH_BODY = new Set(['POST', 'PATCH', 'PUT']);
// range and if-none-match: artifact downloads resume and revalidate
// cookie, authorization, x-atelier-csrf: the caller's credentials (the API checks them, not this proxy);
// x-forwarded-*: Next sets them from the browser's connection, so the API's per-address sign-in
// limit and its Secure-cookie choice see the browser, not this server
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'content-type',
  'last-event-id',
  'range',
  'if-none-match',
  'cookie',
  'authorization',
  'x-atelier-csrf',
  'x-forwarded-for',
  'x-forwarded-proto',
];
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
  // the session cookie of sign-in, set-up and sign-out (one header per cookie: each value is kept)
  'set-cookie',
];

function apiError(statusCode: number, error: string, message: string): Response {
  return Response.json({ statusCode, error, message }, { status: statusCode });
}

function tooLarge(limit: number, declared?: number): Response {
  const size = declared === undefined ? `more than ${limit} bytes` : `${declared} bytes`;
  return apiError(
    413,
    'payload_too_large',
    `The upload is ${size}; the web server passes at most ${limit} bytes on to the API (ATELIER_WEB_MAX_UPLOAD_BYTES). Send a smaller file, or raise the limit.`,
  );
}

/** Statuses whose response never has a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

function toResponse(upstream: IncomingMessage, method: string): Response {
  const headers = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers[name];
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  if (headers.get('content-type')?.startsWith('text/event-stream')) {
    headers.set('cache-control', 'no-cache, no-transform');
    // nginx and similar reverse proxies buffer responses unless told not to
    headers.set('x-accel-buffering', 'no');
  }
  const status = upstream.statusCode ?? 502;
  if (NULL_BODY_STATUSES.has(status) || method === 'HEAD') {
    upstream.resume();
    return new Response(null, { status, statusText: upstream.statusMessage, headers });
  }
  // Readable.toWeb keeps backpressure: a slow browser pauses the API's socket rather than
  // filling the web server's memory; Next sends each chunk as it comes (compression is off)
  const body = Readable.toWeb(upstream) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: upstream.statusMessage, headers });
}

interface Forward {
  target: URL;
  base: string;
  method: string;
  headers: Record<string, string>;
  body: ReadableStream<Uint8Array> | null;
  limit: number;
  signal: AbortSignal;
}

/**
 * One request to the API over node:http, the browser's body piped through a byte counter: it
 * resolves with the API's answer as soon as its headers arrive (even mid-upload, e.g. the API's
 * own 413), with 413 once the body passes the limit, 502 when the API cannot be reached.
 */
function forward({ target, base, method, headers, body, limit, signal }: Forward): Promise<Response> {
  return new Promise((resolve) => {
    let settled = false;
    let overLimit = false;
    const settle = (response: Response) => {
      if (settled) return;
      settled = true;
      resolve(response);
    };
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method, headers });
    // the browser went away (closed tab, EventSource closed), mid-upload or mid-stream: close
    // the API's side too
    signal.addEventListener('abort', () => upstream.destroy(), { once: true });

    const source = body ? Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>) : null;
    let sent = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sent += chunk.length;
        if (sent <= limit) {
          done(null, chunk);
          return;
        }
        overLimit = true;
        done(new Error(`the upload passed ${limit} bytes`));
      },
    });

    upstream.on('response', (response) => {
      if (source && !source.readableEnded) {
        // the API answered before the upload ended (a 413 or 400 of its own): stop sending, and
        // drain the browser's body so it gets the answer instead of a reset connection
        counter.unpipe(upstream);
        counter.resume();
        // the request will never be complete: once the answer is read, close its socket rather
        // than leave it open (and out of the agent's pool) until the API times it out
        response.once('end', () => upstream.destroy());
      }
      settle(toResponse(response, method));
    });
    upstream.on('error', (error: Error) => {
      if (overLimit) settle(tooLarge(limit));
      else if (signal.aborted) settle(new Response(null, { status: 499 }));
      else settle(apiError(502, 'api_unreachable', `The Atelier API is unreachable at ${base} (${error.message}). Is it running?`));
    });

    if (!source) {
      upstream.end();
      return;
    }
    // the browser's body broke off mid-way (it closed the connection): nothing more will come
    source.on('error', () => upstream.destroy());
    counter.on('error', () => {
      upstream.destroy();
      source.destroy();
      if (overLimit) settle(tooLarge(limit));
    });
    source.pipe(counter).pipe(upstream);
  });
}

async function proxy(request: NextRequest, context: RouteContext<'/api/[...path]'>): Promise<Response> {
  const { path } = await context.params;
  const root = path[0];
  if (root === undefined || !ALLOWED_ROOTS.has(root)) {
    return apiError(404, 'not_found', `No API route /${path.join('/')}`);
  }

  let base: string;
  let limit: number;
  try {
    base = apiBaseUrl();
    limit = maxUploadBytes();
  } catch (error) {
    return apiError(500, 'misconfigured', (error as Error).message);
  }
  const target = new URL(`${base}/${path.map(encodeURIComponent).join('/')}${request.nextUrl.search}`);

  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  const withBody = WITH_BODY.has(request.method) && request.body !== null;
  if (withBody) {
    const declared = request.headers.get('content-length');
    if (declared !== null) {
      // refused before a byte is read: the browser learns at once, the API never sees it
      if (Number(declared) > limit) return tooLarge(limit, Number(declared));
      // passed on, so the API can refuse a file above its own limits up front too
      headers['content-length'] = declared;
    }
  }
  return forward({ target, base, method: request.method, headers, body: withBody ? request.body : null, limit, signal: request.signal });
}

// PUT: the registry's aliases; DELETE: the trash (DELETE /experiments/:id, /runs/:id, /trash/:kind/:id) and aliases
export { proxy as GET, proxy as POST, proxy as PATCH, proxy as PUT, proxy as DELETE };
