import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { GET, PATCH, POST } from './route';

/** A stand-in API: SSE with a pause between events, a 400 on POST, JSON elsewhere. */
function startUpstream(): Promise<{ server: Server; url: string; seen: { method: string; url: string; body: string }[] }> {
  const seen: { method: string; url: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
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
      } else if (req.method === 'PATCH') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ patched: req.url, body: JSON.parse(body) }));
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
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })),
  );
}

const context = (path: string[]) => ({ params: Promise.resolve({ path }) }) as never;

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

  it('answers 404 for paths outside the API and 502 with a message when the API is down', async () => {
    const outside = await GET(new NextRequest('http://web.test/api/admin'), context(['admin']));
    expect(outside.status).toBe(404);

    process.env.ATELIER_API_URL = 'http://127.0.0.1:9';
    try {
      const down = await GET(new NextRequest('http://web.test/api/health'), context(['health']));
      expect(down.status).toBe(502);
      const body = (await down.json()) as { error: string; message: string };
      expect(body.error).toBe('api_unreachable');
      expect(body.message).toContain('http://127.0.0.1:9');
    } finally {
      process.env.ATELIER_API_URL = upstream.url;
    }
  });
});
