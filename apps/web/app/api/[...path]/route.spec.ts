import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { DELETE, GET, PATCH, POST, PUT } from './route';

/**
 * A stand-in API: SSE with a pause between events, a 400 on POST, JSON elsewhere; an upload
 * route that counts the bytes as they come (`received`), and one that refuses every upload with
 * a 413 before reading it, as the API does above its own limits.
 */
function startUpstream(): Promise<{
  server: Server;
  url: string;
  seen: { method: string; url: string; body: string }[];
  received: { bytes: number };
  closed: { forever: boolean };
}> {
  const seen: { method: string; url: string; body: string }[] = [];
  const received = { bytes: 0 };
  const closed = { forever: false };
  const server = createServer((req, res) => {
    if (req.url === '/runs/r1/artifacts') {
      received.bytes = 0;
      req.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ bytes: received.bytes, chunked: req.headers['transfer-encoding'] === 'chunked' }));
      });
      return;
    }
    if (req.url === '/experiments/forever/events') {
      // a live stream that never ends by itself: `closed` tells when the proxy hung up
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: experiment\ndata: {"n":1}\n\n');
      res.on('close', () => (closed.forever = true));
      return;
    }
    if (req.url === '/auth/sign-in') {
      // credentials the proxy passed on, and two cookies back (a session and a cleared one)
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': ['atelier_session=s1; Path=/; HttpOnly; SameSite=Lax', 'old=; Path=/; Max-Age=0'],
      });
      res.end(
        JSON.stringify({
          cookie: req.headers.cookie ?? null,
          authorization: req.headers.authorization ?? null,
          csrf: req.headers['x-atelier-csrf'] ?? null,
          forwardedFor: req.headers['x-forwarded-for'] ?? null,
          host: req.headers.host,
        }),
      );
      return;
    }
    if (req.url === '/datasets/import') {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ statusCode: 413, error: 'payload_too_large', message: 'trainCsv is larger than 300 MB' }));
      return;
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body });
      if (req.url?.endsWith('/events')) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write('event: experiment\ndata: {"n":1}\n\n');
        setTimeout(() => {
          res.write('event: experiment\ndata: {"n":2}\n\n');
          res.end();
        }, 400);
      } else if (req.url?.startsWith('/runs/r1/artifacts/')) {
        res.writeHead(req.headers['range'] ? 206 : 200, {
          'content-type': 'text/html',
          'content-disposition': 'attachment; filename="page.html"',
          'content-security-policy': "sandbox; default-src 'none'",
          'x-content-type-options': 'nosniff',
          ...(req.headers['range'] ? { 'content-range': 'bytes 0-3/10' } : {}),
        });
        res.end('<h1>');
      } else if (req.method === 'PATCH' || req.method === 'PUT' || req.method === 'DELETE') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ patched: req.url, body: body ? (JSON.parse(body) as unknown) : null }));
      } else if (req.method === 'POST') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 400, error: 'validation_failed', message: 'name is required' }));
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok', query: req.url }));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, received, closed }),
    ),
  );
}

const context = (path: string[]) => ({ params: Promise.resolve({ path }) }) as never;

const MiB = 1024 * 1024;

/**
 * A request body of `chunks` × 1 MiB that a browser sends piece by piece. After the first chunk
 * it waits (up to 2 s) until the API has received it: `reachedApiMidway` tells whether the proxy
 * passed bytes on before the body had ended, which a proxy that reads the whole body first cannot.
 */
function slowBody(chunks: number, received: { bytes: number }) {
  const probe = { reachedApiMidway: false };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === 1) {
        const deadline = Date.now() + 2000;
        while (received.bytes < MiB && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
        probe.reachedApiMidway = received.bytes >= MiB;
      }
      if (sent === chunks) {
        controller.close();
        return;
      }
      sent += 1;
      controller.enqueue(new Uint8Array(MiB).fill(sent));
    },
  });
  return { stream, probe };
}

function upload(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return new NextRequest(`http://web.test/api${path}`, { method: 'POST', body, headers, duplex: 'half' });
}

describe('API proxy route', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  const previous = process.env.ATELIER_API_URL;

  beforeAll(async () => {
    upstream = await startUpstream();
    // read per request: setting it after the module loaded must still work
    process.env.ATELIER_API_URL = upstream.url;
  });
  afterAll(async () => {
    process.env.ATELIER_API_URL = previous;
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  it('forwards GET with its query string', async () => {
    const response = await GET(new NextRequest('http://web.test/api/experiments?limit=5&offset=10'), context(['experiments']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', query: '/experiments?limit=5&offset=10' });
  });

  it('passes a POST body through, and the status and body of the answer', async () => {
    const request = new NextRequest('http://web.test/api/experiments/plan', {
      method: 'POST',
      body: JSON.stringify({ name: '' }),
      headers: { 'content-type': 'application/json' },
    });
    const response = await POST(request, context(['experiments', 'plan']));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ statusCode: 400, error: 'validation_failed', message: 'name is required' });
    expect(upstream.seen.at(-1)).toEqual({ method: 'POST', url: '/experiments/plan', body: '{"name":""}' });
  });

  it('passes a PATCH body on to the runs routes', async () => {
    const request = new NextRequest('http://web.test/api/runs/r1', {
      method: 'PATCH',
      body: JSON.stringify({ notes: '# hi' }),
      headers: { 'content-type': 'application/json' },
    });
    const response = await PATCH(request, context(['runs', 'r1']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ patched: '/runs/r1', body: { notes: '# hi' } });
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'PATCH', url: '/runs/r1' });
  });

  it('passes a DELETE on (the trash routes), without a body', async () => {
    const response = await DELETE(
      new NextRequest('http://web.test/api/trash/run/r1', { method: 'DELETE' }),
      context(['trash', 'run', 'r1']),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ patched: '/trash/run/r1', body: null });
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/trash/run/r1', body: '' });
  });

  it("passes the registry's PUT (with its body) and DELETE on", async () => {
    const put = new NextRequest('http://web.test/api/registered-models/fashion/aliases/production', {
      method: 'PUT',
      body: JSON.stringify({ version: 2 }),
      headers: { 'content-type': 'application/json' },
    });
    const response = await PUT(put, context(['registered-models', 'fashion', 'aliases', 'production']));
    expect(await response.json()).toEqual({ patched: '/registered-models/fashion/aliases/production', body: { version: 2 } });
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'PUT', url: '/registered-models/fashion/aliases/production' });
    const deleted = await DELETE(
      new NextRequest('http://web.test/api/registered-models/fashion/aliases/production', { method: 'DELETE' }),
      context(['registered-models', 'fashion', 'aliases', 'production']),
    );
    expect(deleted.status).toBe(200);
    expect(upstream.seen.at(-1)).toMatchObject({ method: 'DELETE', url: '/registered-models/fashion/aliases/production', body: '' });
  });

  it('keeps the sandbox of an uploaded artifact and passes a range request on', async () => {
    const request = new NextRequest('http://web.test/api/runs/r1/artifacts/a1', { headers: { range: 'bytes=0-3' } });
    const response = await GET(request, context(['runs', 'r1', 'artifacts', 'a1']));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="page.html"');
    expect(response.headers.get('content-range')).toBe('bytes 0-3/10');
  });

  it('streams server-sent events as they come, without waiting for the end', async () => {
    const started = Date.now();
    const response = await GET(new NextRequest('http://web.test/api/experiments/e1/events'), context(['experiments', 'e1', 'events']));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(first).toContain('data: {"n":1}');
    expect(first).not.toContain('data: {"n":2}');
    expect(Date.now() - started).toBeLessThan(350);
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(rest).toContain('data: {"n":2}');
  });

  it("closes the API's stream when the browser stops reading it", async () => {
    const response = await GET(
      new NextRequest('http://web.test/api/experiments/forever/events'),
      context(['experiments', 'forever', 'events']),
    );
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('data: {"n":1}');
    expect(upstream.closed.forever).toBe(false);
    await reader.cancel();
    const deadline = Date.now() + 2000;
    while (!upstream.closed.forever && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(upstream.closed.forever).toBe(true);
  });

  it('streams an upload on to the API as it arrives, every byte of it', async () => {
    upstream.received.bytes = 0;
    const { stream, probe } = slowBody(8, upstream.received);
    const response = await POST(upload('/runs/r1/artifacts', stream), context(['runs', 'r1', 'artifacts']));
    expect(response.status).toBe(201);
    // no Content-Length from the browser: sent on chunked, counted by the API
    expect(await response.json()).toEqual({ bytes: 8 * MiB, chunked: true });
    expect(probe.reachedApiMidway).toBe(true);
  });

  describe('above ATELIER_WEB_MAX_UPLOAD_BYTES', () => {
    beforeAll(() => (process.env.ATELIER_WEB_MAX_UPLOAD_BYTES = String(4 * MiB)));
    afterAll(() => delete process.env.ATELIER_WEB_MAX_UPLOAD_BYTES);

    it('answers 413 from the Content-Length, before reading the body or calling the API', async () => {
      const calls = upstream.seen.length;
      upstream.received.bytes = 0;
      const request = upload('/runs/r1/artifacts', new Uint8Array(5 * MiB), { 'content-length': String(5 * MiB) });
      const response = await POST(request, context(['runs', 'r1', 'artifacts']));
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({
        statusCode: 413,
        error: 'payload_too_large',
        message: `The upload is ${5 * MiB} bytes; the web server passes at most ${4 * MiB} bytes on to the API (ATELIER_WEB_MAX_UPLOAD_BYTES). Send a smaller file, or raise the limit.`,
      });
      expect(upstream.seen.length).toBe(calls);
      expect(upstream.received.bytes).toBe(0);
    });

    it('answers 413 once a body without a length passes the limit, having passed on no more than the limit', async () => {
      upstream.received.bytes = 0;
      const { stream } = slowBody(6, upstream.received);
      const response = await POST(upload('/runs/r1/artifacts', stream), context(['runs', 'r1', 'artifacts']));
      expect(response.status).toBe(413);
      expect(((await response.json()) as { message: string }).message).toBe(
        `The upload is more than ${4 * MiB} bytes; the web server passes at most ${4 * MiB} bytes on to the API (ATELIER_WEB_MAX_UPLOAD_BYTES). Send a smaller file, or raise the limit.`,
      );
      expect(upstream.received.bytes).toBeGreaterThanOrEqual(MiB);
      expect(upstream.received.bytes).toBeLessThanOrEqual(4 * MiB);
    });
  });

  it("passes on the API's own early answer to an upload it refuses, not a 502", async () => {
    const { stream } = slowBody(16, { bytes: Number.POSITIVE_INFINITY });
    const response = await POST(upload('/datasets/import', stream), context(['datasets', 'import']));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ statusCode: 413, error: 'payload_too_large', message: 'trainCsv is larger than 300 MB' });
  });

  it('passes the credentials on and every Set-Cookie of the answer back', async () => {
    const request = new NextRequest('http://web.test/api/auth/sign-in', {
      method: 'POST',
      body: '{}',
      headers: {
        'content-type': 'application/json',
        cookie: 'atelier_session=old',
        authorization: 'Bearer atl_x',
        'x-atelier-csrf': 'c1',
        'x-forwarded-for': '203.0.113.7',
      },
    });
    const response = await POST(request, context(['auth', 'sign-in']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      cookie: 'atelier_session=old',
      authorization: 'Bearer atl_x',
      csrf: 'c1',
      forwardedFor: '203.0.113.7',
      host: new URL(upstream.url).host,
    });
    expect(response.headers.getSetCookie()).toEqual(['atelier_session=s1; Path=/; HttpOnly; SameSite=Lax', 'old=; Path=/; Max-Age=0']);
  });

  it.each(['auth', 'projects', 'tokens', 'users'])('forwards the %s routes', async (root) => {
    const response = await GET(new NextRequest(`http://web.test/api/${root}/x`), context([root, 'x']));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', query: `/${root}/x` });
  });

  it('answers 404 for paths outside the API and 502 with a message when the API is down', async () => {
    const outside = await GET(new NextRequest('http://web.test/api/admin'), context(['admin']));
    expect(outside.status).toBe(404);

    process.env.ATELIER_API_URL = 'http://127.0.0.1:9';
    try {
      const down = await GET(new NextRequest('http://web.test/api/health'), context(['health']));
      expect(down.status).toBe(502);
      const body = (await down.json()) as { error: string; message: string };
      expect(body.error).toBe('api_unreachable');
      expect(body.message).toMatch(/^The Atelier API is unreachable at http:\/\/127\.0\.0\.1:9 \(.*ECONNREFUSED.*\)\. Is it running\?$/);
    } finally {
      process.env.ATELIER_API_URL = upstream.url;
    }
  });
});
