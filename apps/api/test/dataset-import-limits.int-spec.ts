import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { encodeCsv } from '@atelier/ml/data/csv-reader';
import { balancedLabels, makeImageSet } from '@atelier/ml/data/image-set.factory';
import { errorOf, startTestApp, type TestApp } from './test-app';

const MIB = 1024 ** 2;
/** The cap this file's API runs with: small, so the bomb of valid rows is refused after 128 MiB of inflating. */
const INFLATED_CAP = 128 * MIB;

/** Writes `total` bytes made of `block` repeated, gzipped, without ever holding more than the block. */
async function gzipFile(file: string, head: string, block: Buffer, total: number): Promise<void> {
  const gzip = createGzip({ level: 9 });
  const done = once(gzip.pipe(createWriteStream(file)), 'finish');
  gzip.write(head);
  for (let written = head.length; written < total; written += block.length) {
    if (!gzip.write(block)) await once(gzip, 'drain');
  }
  gzip.end();
  await done;
}

/** Samples the process's resident memory while `work` runs: the API runs in this process. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / MIB };
  } finally {
    clearInterval(timer);
  }
}

function smallCsv(): string {
  return encodeCsv(
    makeImageSet({
      labels: balancedLabels(4, 10),
      height: 28,
      width: 28,
      seed: 5,
      pixel: (i, p, label) => (p % 4 === label ? 200 : (i * 7 + p) % 50),
    }),
  );
}

describe('dataset import: bounded memory and concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let bombs: string;
  const http = () => t.request();
  const storedRoot = () => path.join(t.dataDir, 'datasets');
  const leftovers = () => (existsSync(storedRoot()) ? readdirSync(storedRoot()).filter((name) => name !== '.uploads') : []);
  const uploadsLeft = () => (existsSync(path.join(storedRoot(), '.uploads')) ? readdirSync(path.join(storedRoot(), '.uploads')) : []);

  beforeAll(async () => {
    t = await startTestApp({ ATELIER_MAX_IMPORT_INFLATED_BYTES: String(INFLATED_CAP) });
    bombs = mkdtempSync(path.join(tmpdir(), 'atelier-bombs-'));
    // 900 MiB each once inflated, about 1 MB on the wire: below the old reader's 1 GiB
    // ceiling, so it inflated them whole
    await gzipFile(path.join(bombs, 'endless.csv.gz'), 'label,', Buffer.alloc(MIB, '0,'), 900 * MIB);
    const row = `0,${Array.from({ length: 784 }, () => '0').join(',')}\n`;
    await gzipFile(
      path.join(bombs, 'zeros.csv.gz'),
      `label,${Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`).join(',')}\n`,
      Buffer.from(row.repeat(600)),
      900 * MIB,
    );
    // warm-up: the code paths of an import loaded and compiled before memory is measured
    await http()
      .post('/datasets/import')
      .field('key', 'warm-up')
      .field('name', 'Warm-up')
      .attach('trainCsv', Buffer.from(smallCsv()), 'warm.csv')
      .expect(201);
  }, 120_000);
  afterAll(async () => {
    await (t as TestApp | undefined)?.close();
    if (bombs) rmSync(bombs, { recursive: true, force: true });
  });

  it('refuses a gzip of one endless line as a 400 naming the line, with resident memory growing < 100 MB', async () => {
    const { result, growthMb } = await peakRssGrowth(() =>
      http()
        .post('/datasets/import')
        .field('key', 'endless')
        .field('name', 'Endless')
        .attach('trainCsv', path.join(bombs, 'endless.csv.gz')),
    );
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toBe(
      'endless.csv.gz (train CSV): line 1 is longer than 12,560 bytes, the widest row of a 28×28 image with its label ' +
        '(785 fields of at most 16 characters): this is not a CSV of one image per line',
    );
    expect(growthMb).toBeLessThan(100);
    expect(await t.prisma.dataset.count({ where: { key: 'endless' } })).toBe(0);
    expect(leftovers()).toEqual(['warm-up']);
    expect(uploadsLeft()).toEqual([]);
  });

  it('stops inflating a highly compressible file of valid rows at ATELIER_MAX_IMPORT_INFLATED_BYTES: 400, memory growing < 100 MB', async () => {
    const { result, growthMb } = await peakRssGrowth(() =>
      http().post('/datasets/import').field('key', 'zeros').field('name', 'Zeros').attach('trainCsv', path.join(bombs, 'zeros.csv.gz')),
    );
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toBe(
      'zeros.csv.gz (train CSV): content is larger than 128 MiB once decompressed, the largest this server imports: ' +
        'a damaged file or a gzip bomb, or a dataset to split (ATELIER_MAX_IMPORT_INFLATED_BYTES)',
    );
    expect(growthMb).toBeLessThan(100);
    expect(await t.prisma.dataset.count({ where: { key: 'zeros' } })).toBe(0);
    expect(leftovers()).toEqual(['warm-up']);
    expect(uploadsLeft()).toEqual([]);
  });

  describe('concurrency', () => {
    const BOUNDARY = 'atelier-slow-upload';

    /** An import whose upload has begun and then stalls: it holds its slot until it is finished or abandoned. */
    async function stalledImport(key: string): Promise<{ req: ClientRequest; finish(): Promise<IncomingMessage> }> {
      const url = new URL('/datasets/import', t.url);
      const req = httpRequest(url, {
        method: 'POST',
        headers: { ...t.authHeaders, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      const response = new Promise<IncomingMessage>((resolve, reject) => {
        req.on('response', resolve);
        req.on('error', reject);
      });
      // an abandoned upload's "socket hang up" is the point, not a failure
      response.catch(() => undefined);
      const field = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      req.write(field('key', key) + field('name', key));
      req.write(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="trainCsv"; filename="${key}.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      );
      const csv = smallCsv();
      req.write(csv.slice(0, 1000));
      // let the server take the request (and its slot) before the next one is sent
      await new Promise((resolve) => setTimeout(resolve, 300));
      return {
        req,
        async finish() {
          req.end(`${csv.slice(1000)}\r\n--${BOUNDARY}--\r\n`);
          return response;
        },
      };
    }

    it('answers 429 with Retry-After beyond ATELIER_MAX_CONCURRENT_IMPORTS (default 2), and frees the slots after', async () => {
      expect(t.config.ATELIER_MAX_CONCURRENT_IMPORTS).toBe(2);
      const first = await stalledImport('slow-one');
      const second = await stalledImport('slow-two');
      const refused = await http()
        .post('/datasets/import')
        .field('key', 'third')
        .field('name', 'Third')
        .attach('trainCsv', Buffer.from(smallCsv()), 'third.csv');
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('5');
      expect(errorOf(refused)).toMatchObject({
        error: 'too_many_imports',
        message:
          '2 imports are already running on this server (ATELIER_MAX_CONCURRENT_IMPORTS=2): nothing was uploaded or stored; send it again in 5 s.',
      });
      expect(await t.prisma.dataset.count({ where: { key: 'third' } })).toBe(0);

      // a finished import frees its slot; so does an abandoned upload: with one more stalled
      // import holding a slot, the other one must be free again
      expect((await first.finish()).statusCode).toBe(201);
      second.req.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const third = await stalledImport('slow-three');
      const now = await http()
        .post('/datasets/import')
        .field('key', 'fourth')
        .field('name', 'Fourth')
        .attach('trainCsv', Buffer.from(smallCsv()), 'fourth.csv');
      expect(now.status).toBe(201);
      expect((await third.finish()).statusCode).toBe(201);
      expect(leftovers().sort()).toEqual(['fourth', 'slow-one', 'slow-three', 'warm-up']);
      expect(uploadsLeft()).toEqual([]);
    });
  });
});
