import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { parse as parseContentDisposition } from 'content-disposition';
import request from 'supertest';
import { createPrismaClient } from '@atelier/db/client';
import { RUN_LIMITS, ZApiError, ZRunArtifactList } from '@atelier/domain';
import { ArtifactStore } from '../src/run-artifacts/artifact-store';
import { filesUnder, seedTrackedRun } from './run-artifacts-fixtures';
import { startTestApp, type TestApp } from './test-app';

const MISSING = '00000000-0000-4000-8000-000000000000';
/** Small enough that a test crosses it cheaply, large enough for a multi-chunk stream. */
const LIMIT = 4 * 1024 * 1024;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** supertest's binary body as a Buffer. */
const binary = (req: request.Test) =>
  req.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks)));
  });

describe('run artifacts: files logged to a run (PostgreSQL + artifact store)', () => {
  let t: TestApp;
  let store: ArtifactStore;
  const api = () => t.api;
  const rowsOf = (runId: string) => t.prisma.artifact.findMany({ where: { trialId: runId }, orderBy: { name: 'asc' } });
  /** What the store holds: committed files and temporary ones. */
  const storeFiles = () => filesUnder(store.root);

  beforeAll(async () => {
    t = await startTestApp({ ATELIER_ARTIFACT_MAX_BYTES: String(LIMIT) });
    store = t.app.get(ArtifactStore);
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('keeps the store beside the data directory by default', () => {
    expect(store.root).toBe(path.join(t.dataDir, 'artifacts'));
  });

  it('stores several files in one request, lists them and streams each back with its SHA-256 as ETag', async () => {
    const { runId, experimentId } = await seedTrackedRun(t.prisma);
    const roc = randomBytes(3 * 1024 * 1024 + 17); // several chunks through busboy and the hash
    const report = Buffer.from('# Report\n\naccuracy 0.91\n');
    const created = await api()
      .post(`/runs/${runId}/artifacts`)
      .field('path', 'plots/roc.png')
      .attach('file', roc, { filename: 'roc.png', contentType: 'image/png' })
      .attach('file', report, { filename: 'données.md', contentType: 'application/octet-stream' })
      .expect(201);
    const body = ZRunArtifactList.parse(created.body);
    expect(body.runId).toBe(runId);
    expect(body.items.map(({ kind, name, contentType, sizeBytes, sha256 }) => ({ kind, name, contentType, sizeBytes, sha256 }))).toEqual([
      { kind: 'file', name: 'plots/roc.png', contentType: 'image/png', sizeBytes: roc.byteLength, sha256: sha256(roc) },
      // the generic type is replaced by the one the name implies
      { kind: 'file', name: 'données.md', contentType: 'text/markdown', sizeBytes: report.byteLength, sha256: sha256(report) },
    ]);

    const listed = ZRunArtifactList.parse((await api().get(`/runs/${runId}/artifacts`).expect(200)).body);
    expect(listed.items.map((a) => a.name)).toEqual(['données.md', 'plots/roc.png']);

    const rows = await rowsOf(runId);
    expect(rows.map((r) => ({ kind: r.kind, experimentId: r.experimentId, content: r.content, key: r.storageKey }))).toEqual(
      rows.map((r) => ({ kind: 'file', experimentId, content: null, key: `runs/${runId}/${r.id}` })),
    );
    // on disk under its key, byte for byte; no temporary file left
    const rocRow = rows.find((r) => r.name === 'plots/roc.png')!;
    expect((await readFile(store.pathOf(rocRow.storageKey!))).equals(roc)).toBe(true);
    expect(await storeFiles()).toEqual(rows.map((r) => r.storageKey!).sort());

    const rocId = body.items[0]!.id;
    const download = await binary(api().get(`/runs/${runId}/artifacts/${rocId}`)).expect(200);
    expect(sha256(download.body as Buffer)).toBe(sha256(roc));
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-length']).toBe(String(roc.byteLength));
    expect(download.headers.etag).toBe(`"${sha256(roc)}"`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(parseContentDisposition(download.headers['content-disposition']!)).toEqual({
      type: 'attachment',
      parameters: { filename: 'roc.png' },
    });

    const mdId = body.items[1]!.id;
    const md = await binary(api().get(`/runs/${runId}/artifacts/${mdId}`)).expect(200);
    expect((md.body as Buffer).toString()).toBe(report.toString());
    expect(parseContentDisposition(md.headers['content-disposition']!).parameters.filename).toBe('données.md');

    // conditional and ranged requests, through the ETag
    await api()
      .get(`/runs/${runId}/artifacts/${rocId}`)
      .set('If-None-Match', `"${sha256(roc)}"`)
      .expect(304);
    const part = await binary(api().get(`/runs/${runId}/artifacts/${rocId}`).set('Range', 'bytes=10-19')).expect(206);
    expect((part.body as Buffer).equals(roc.subarray(10, 20))).toBe(true);
  });

  it('takes files on a finished run, as MLflow does', async () => {
    const { runId } = await seedTrackedRun(t.prisma, { status: 'completed' });
    await api().post(`/runs/${runId}/artifacts`).attach('file', Buffer.from('late'), 'notes.txt').expect(201);
    expect((await rowsOf(runId)).map((r) => r.name)).toEqual(['notes.txt']);
  });

  it('answers 409 for a name the run has, and replaces it with ?overwrite=true (new id, old file removed)', async () => {
    const { runId } = await seedTrackedRun(t.prisma);
    const first = ZRunArtifactList.parse(
      (await api().post(`/runs/${runId}/artifacts`).attach('f', Buffer.from('v1'), 'metrics.csv').expect(201)).body,
    ).items[0]!;
    const firstKey = (await rowsOf(runId))[0]!.storageKey!;

    const refused = ZApiError.parse(
      (await api().post(`/runs/${runId}/artifacts`).attach('f', Buffer.from('v2'), 'metrics.csv').expect(409)).body,
    );
    expect(refused.message).toBe(
      `Run '${runId}' already has an artifact named 'metrics.csv': add ?overwrite=true to replace it, or choose another name.`,
    );
    expect((await rowsOf(runId)).map((r) => r.sha256)).toEqual([sha256(Buffer.from('v1'))]);

    const second = ZRunArtifactList.parse(
      (await api().post(`/runs/${runId}/artifacts?overwrite=true`).attach('f', Buffer.from('v2!'), 'metrics.csv').expect(201)).body,
    ).items[0]!;
    expect(second.id).not.toBe(first.id);
    const rows = await rowsOf(runId);
    expect(rows.map((r) => [r.id, r.sizeBytes, r.sha256])).toEqual([[second.id, 3n, sha256(Buffer.from('v2!'))]]);
    const files = await storeFiles();
    expect(files).toContain(rows[0]!.storageKey);
    expect(files).not.toContain(firstKey);
    await api().get(`/runs/${runId}/artifacts/${first.id}`).expect(404);
  });

  it(`answers 413 over ATELIER_ARTIFACT_MAX_BYTES and stores nothing of the request: no row, no file, no temporary file`, async () => {
    const { runId } = await seedTrackedRun(t.prisma);
    const before = await storeFiles();
    const response = await api()
      .post(`/runs/${runId}/artifacts`)
      .attach('small', Buffer.from('fits'), 'small.txt')
      .attach('big', Buffer.alloc(LIMIT + 1, 7), 'weights.bin')
      .expect(413);
    expect(ZApiError.parse(response.body)).toEqual({
      statusCode: 413,
      error: 'payload_too_large',
      message: `The file 'weights.bin' is larger than the 4 MiB (${LIMIT} bytes) limit for run artifacts (ATELIER_ARTIFACT_MAX_BYTES); nothing was stored.`,
    });
    expect(response.headers.connection).toBe('close');
    expect(await rowsOf(runId)).toEqual([]);
    expect(await store.temporaryFiles()).toEqual([]);
    expect(await storeFiles()).toEqual(before);
    // exactly the limit is allowed
    await api().post(`/runs/${runId}/artifacts`).attach('big', Buffer.alloc(LIMIT, 7), 'weights.bin').expect(201);
  });

  it('answers 404 for an unknown run (before reading the upload) and an unknown artifact', async () => {
    const notFound = ZApiError.parse(
      (await api().post(`/runs/${MISSING}/artifacts`).attach('f', Buffer.from('x'), 'a.txt').expect(404)).body,
    );
    expect(notFound.message).toBe(`Run '${MISSING}' not found`);
    await api().get(`/runs/${MISSING}/artifacts`).expect(404);
    await api().get(`/runs/${MISSING}/artifacts/${MISSING}`).expect(404);
    const { runId } = await seedTrackedRun(t.prisma);
    expect(ZApiError.parse((await api().get(`/runs/${runId}/artifacts/${MISSING}`).expect(404)).body).message).toBe(
      `Artifact '${MISSING}' not found in run '${runId}'`,
    );
    await api().get(`/runs/not-a-uuid/artifacts`).expect(400);
    expect(await store.temporaryFiles()).toEqual([]);
  });

  it.each([
    ['a leading ..', '../outside.txt', "must not hold '..'"],
    ['.. inside the path', 'plots/../../outside.txt', "must not hold '..'"],
    ['an absolute path', '/etc/passwd', 'not an absolute one'],
    ['a drive letter', 'C:/Windows/win.ini', 'not an absolute one'],
    ['backslashes', 'plots\\roc.png', "separates folders with '/'"],
    ['a name too long', 'x'.repeat(RUN_LIMITS.artifactNameLength + 1), `at most ${RUN_LIMITS.artifactNameLength} characters`],
  ])('answers 400 for %s, and stores nothing of the request', async (_label, name, message) => {
    const { runId } = await seedTrackedRun(t.prisma);
    const response = await api()
      .post(`/runs/${runId}/artifacts`)
      .attach('ok', Buffer.from('fine'), 'fine.txt')
      .field('path', name)
      .attach('f', Buffer.from('x'), 'x.txt')
      .expect(400);
    const error = ZApiError.parse(response.body);
    expect(error.message).toContain(`Invalid artifact name ${JSON.stringify(name)} (the 'path' field before the file in 'f')`);
    expect(error.message).toContain(message);
    expect(await rowsOf(runId)).toEqual([]);
    expect(await store.temporaryFiles()).toEqual([]);
  });

  it('refuses requests that are not what the route takes, with what to send instead', async () => {
    const { runId } = await seedTrackedRun(t.prisma);
    const message = async (req: request.Test, status: number) => ZApiError.parse((await req.expect(status)).body).message;
    expect(await message(api().post(`/runs/${runId}/artifacts`).send({ path: 'a.txt' }), 400)).toMatch(/^Send multipart\/form-data/);
    expect(await message(api().post(`/runs/${runId}/artifacts`).field('path', 'a.txt'), 400)).toBe(
      "The last 'path' field names no file: send each 'path' field before the file part it names.",
    );
    expect(
      await message(api().post(`/runs/${runId}/artifacts`).field('name', 'a.txt').attach('f', Buffer.from('x'), 'a.txt'), 400),
    ).toContain("Unexpected form field 'name'");
    expect(
      await message(
        api().post(`/runs/${runId}/artifacts`).attach('f', Buffer.from('1'), 'a.txt').attach('g', Buffer.from('2'), 'a.txt'),
        400,
      ),
    ).toBe("The artifact name 'a.txt' is given twice in one request.");
    expect(await message(api().post(`/runs/${runId}/artifacts?overwrite=maybe`).attach('f', Buffer.from('1'), 'a.txt'), 400)).toContain(
      'overwrite',
    );
    expect(await rowsOf(runId)).toEqual([]);
    expect(await store.temporaryFiles()).toEqual([]);
  });

  it('answers 503 while PostgreSQL refuses connections, before reading the upload, and works again after', async () => {
    const { runId } = await seedTrackedRun(t.prisma);
    const database = new URL(t.config.DATABASE_URL).pathname.slice(1);
    // another database of the same server, to refuse and cut the API's connections from
    const admin = createPrismaClient(t.config.DATABASE_URL.replace(`/${database}`, '/postgres'));
    try {
      await admin.$executeRawUnsafe(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
      await admin.$queryRawUnsafe(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        database,
      );
      const listed = ZApiError.parse((await api().get(`/runs/${runId}/artifacts`).expect(503)).body);
      expect(listed.message).toMatch(/^The database \(PostgreSQL\) is unavailable \(.+\)\. Try again once it is back/);
      await api()
        .post(`/runs/${runId}/artifacts`)
        .attach('f', Buffer.alloc(64 * 1024, 1), 'a.bin')
        .expect(503);
      expect(await store.temporaryFiles()).toEqual([]);
    } finally {
      await admin.$executeRawUnsafe(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
      await admin.$disconnect();
    }
    await api().get(`/runs/${runId}/artifacts`).expect(200);
  });

  it('removes the temporary file of an upload the client aborts mid-way, and records nothing', async () => {
    const { runId } = await seedTrackedRun(t.prisma);
    const boundary = 'atelier-test-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const { port } = new URL(t.url);
    const req = http.request({
      host: '127.0.0.1',
      port: Number(port),
      method: 'POST',
      path: `/runs/${runId}/artifacts`,
      headers: { ...t.authHeaders, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(LIMIT) },
    });
    req.on('error', () => undefined);
    req.write(head);
    req.write(Buffer.alloc(512 * 1024, 1));
    // the upload reached the store: a temporary file is being written
    await waitFor(async () => (await store.temporaryFiles()).length === 1);
    req.destroy();
    await waitFor(async () => (await store.temporaryFiles()).length === 0);
    expect(await rowsOf(runId)).toEqual([]);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
