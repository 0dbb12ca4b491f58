import { gzipSync } from 'node:zlib';
import { encodeCsv, MAX_CSV_LINE_BYTES, parseCsvImages, readCsvImages } from './csv-reader';
import { DatasetFormatError, type DatasetErrorCode } from './dataset-errors';
import { makeImageSet, makeTempDir, type TempDir } from './image-set.factory';

async function expectDamage(promise: Promise<unknown>, file: string, code: DatasetErrorCode, problem: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetFormatError);
  const e = error as DatasetFormatError;
  expect({ code: e.code, file: e.file }).toEqual({ code, file });
  expect(e.message).toContain(file);
  expect(e.message).toMatch(problem);
}

/** 2×2 images: label then 4 pixels. */
const HEADER = 'label,pixel1,pixel2,pixel3,pixel4';
const ROWS = ['2,0,255,17,3', '0,9,8,7,6', '1,1,2,3,4'];

describe('CSV reader', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = makeTempDir()));
  afterEach(() => tmp.remove());

  it('reads the Kaggle layout with a header', async () => {
    const file = tmp.write('train.csv', [HEADER, ...ROWS].join('\n') + '\n');
    const { set, header } = await readCsvImages(file);
    expect(header).toEqual(['label', 'pixel1', 'pixel2', 'pixel3', 'pixel4']);
    expect(set).toMatchObject({ count: 3, height: 2, width: 2, channels: 1 });
    expect(Array.from(set.labels)).toEqual([2, 0, 1]);
    expect(Array.from(set.images)).toEqual([0, 255, 17, 3, 9, 8, 7, 6, 1, 2, 3, 4]);
  });

  it('says a semicolon- or tab-separated file uses the wrong separator', async () => {
    const semicolons = tmp.write('excel.csv', [HEADER, ...ROWS].map((line) => line.replaceAll(',', ';')).join('\n') + '\n');
    await expectDamage(
      readCsvImages(semicolons),
      semicolons,
      'wrong-separator',
      /line 1 has no commas but 4 semicolons: the file looks semicolon-separated; Atelier reads commas/,
    );
    const tabs = tmp.write('tabs.csv', ROWS.map((line) => line.replaceAll(',', '\t')).join('\n'));
    await expectDamage(readCsvImages(tabs), tabs, 'wrong-separator', /looks tab-separated; Atelier reads commas/);
  });

  it('detects a missing header, accepts CRLF, spaces, "12.0" and trailing blank lines', async () => {
    const file = tmp.write('plain.csv', '2, 0,255,17,3\r\n0,9,8.0,7,6\r\n1,1,2,3,4\r\n\r\n\n');
    const { set, header } = await readCsvImages(file);
    expect(header).toBeNull();
    expect(Array.from(set.labels)).toEqual([2, 0, 1]);
    expect(Array.from(set.images)).toEqual([0, 255, 17, 3, 9, 8, 7, 6, 1, 2, 3, 4]);
  });

  it('treats a header with numeric pixel names ("label,0,1,...") as a header', () => {
    const { set, header } = parseCsvImages(Buffer.from('label,0,1,2,3\n1,1,2,3,4\n'), { file: 'mem.csv' });
    expect(header).toEqual(['label', '0', '1', '2', '3']);
    expect(set.count).toBe(1);
  });

  it('reads gzip CSV and non-square shapes when given', async () => {
    const source = makeImageSet({ labels: [0, 1, 2], height: 2, width: 3 });
    const file = tmp.write('train.csv.gz', encodeCsv(source), { gzip: true });
    const { set } = await readCsvImages(file, { height: 2, width: 3 });
    expect(set).toMatchObject({ count: 3, height: 2, width: 3 });
    expect(Array.from(set.images)).toEqual(Array.from(source.images));
  });

  describe('rejects damaged files, naming the file and the problem', () => {
    const cases: { name: string; content: string; code: DatasetErrorCode; problem: RegExp; numClasses?: number }[] = [
      { name: 'empty file', content: '', code: 'empty-file', problem: /file is empty/ },
      { name: 'only blank lines', content: '\n\n', code: 'empty-file', problem: /no lines/ },
      { name: 'header without data', content: `${HEADER}\n`, code: 'empty-file', problem: /header but no data rows/ },
      {
        name: 'ragged row',
        content: [HEADER, ROWS[0], '0,9,8,7', ROWS[2]].join('\n'),
        code: 'ragged-row',
        problem: /line 3 has 4 fields, expected 5/,
      },
      {
        name: 'row too long',
        content: [ROWS[0], '0,9,8,7,6,5'].join('\n'),
        code: 'ragged-row',
        problem: /line 2 has 6 fields, expected 5/,
      },
      {
        name: 'header/data column mismatch',
        content: ['label,a,b,c', ROWS[0]].join('\n'),
        code: 'header-mismatch',
        problem: /header has 4 columns but the first data line \(line 2\) has 5/,
      },
      {
        name: 'non-numeric pixel',
        content: [HEADER, '2,0,x7,17,3'].join('\n'),
        code: 'non-numeric',
        problem: /non-numeric pixel 'x7' on line 2, column 3/,
      },
      {
        name: 'non-numeric label',
        content: [ROWS[0], 'cat,0,1,2,3'].join('\n'),
        code: 'non-numeric',
        problem: /non-numeric label 'cat' on line 2, column 1/,
      },
      {
        name: 'repeated header (concatenated files)',
        content: [HEADER, ROWS[0], HEADER].join('\n'),
        code: 'non-numeric',
        problem: /line 3.*repeated header/,
      },
      {
        name: 'empty field',
        content: [HEADER, '2,0,,17,3'].join('\n'),
        code: 'non-numeric',
        problem: /empty pixel field on line 2, column 3/,
      },
      {
        name: 'pixel above 255',
        content: [HEADER, '2,0,256,17,3'].join('\n'),
        code: 'pixel-out-of-range',
        problem: /pixel out of range on line 2, column 3: 256 is not in 0\.\.255/,
      },
      {
        name: 'negative pixel',
        content: [HEADER, '2,0,-1,17,3'].join('\n'),
        code: 'pixel-out-of-range',
        problem: /line 2, column 3: -1 is not in 0\.\.255/,
      },
      {
        name: 'non-integer pixel',
        content: [HEADER, '2,0,0.5,17,3'].join('\n'),
        code: 'not-an-integer',
        problem: /pixel 0\.5 on line 2, column 3 is not an integer/,
      },
      {
        name: 'label out of range for the classes',
        content: [HEADER, ...ROWS].join('\n'),
        numClasses: 2,
        code: 'label-out-of-range',
        problem: /item 0 has label 2, but there are 2 classes/,
      },
      { name: 'blank line inside', content: [HEADER, ROWS[0], '', ROWS[1]].join('\n'), code: 'ragged-row', problem: /line 3 is empty/ },
      {
        name: 'not a square image',
        content: 'label,a,b,c\n0,1,2,3\n',
        code: 'shape-mismatch',
        problem: /3 pixel columns is not a square image/,
      },
    ];
    it.each(cases)('$name', async ({ content, code, problem, numClasses }) => {
      const file = tmp.write('damaged.csv', content);
      await expectDamage(readCsvImages(file, { numClasses }), file, code, problem);
    });

    it('pixel count that does not fit the requested shape', async () => {
      const file = tmp.write('shape.csv', [HEADER, ...ROWS].join('\n'));
      await expectDamage(readCsvImages(file, { height: 3, width: 3 }), file, 'shape-mismatch', /4 pixel columns do not fit .*3×3/);
    });
  });

  describe('streams with bounded lines and inflation', () => {
    it('reads a file of many chunks (rows cut across chunk boundaries) exactly', async () => {
      // ~600 KB of 28×28 rows: the file stream hands it over in 64 KiB chunks
      const source = makeImageSet({ labels: Array.from({ length: 250 }, (_, i) => i % 10), height: 28, width: 28, seed: 3 });
      for (const gzip of [false, true]) {
        const file = tmp.write(gzip ? 'big.csv.gz' : 'big.csv', encodeCsv(source).replaceAll('\n', '\r\n'), { gzip });
        const { set } = await readCsvImages(file);
        expect(set).toMatchObject({ count: 250, height: 28, width: 28 });
        expect(Buffer.from(set.images).equals(Buffer.from(source.images))).toBe(true);
        expect(Array.from(set.labels)).toEqual(Array.from(source.labels));
      }
    });

    it('refuses an endless line with its number, before reading the rest of the gzip', async () => {
      const endless = Buffer.concat([Buffer.from(`${ROWS[0]}\n${ROWS[1]}\n`), Buffer.alloc(64 * 1024 ** 2, '7')]);
      const file = tmp.write('endless.csv.gz', endless, { gzip: true });
      await expectDamage(
        readCsvImages(file),
        file,
        'line-too-long',
        new RegExp(`line 3 is longer than ${MAX_CSV_LINE_BYTES.toLocaleString('en-US')} bytes, the widest row of a 28×28 image`),
      );
    });

    it('accepts a line of exactly the limit and refuses one byte more', () => {
      const fields = (length: number) => `1,${'0'.repeat(length - 2)}`;
      expect(parseCsvImages(Buffer.from(`${fields(10)}\r\n`), { file: 'mem.csv', maxLineBytes: 10 }).set.count).toBe(1);
      expect(() => parseCsvImages(Buffer.from(`${fields(10)}\n${fields(11)}`), { file: 'mem.csv', maxLineBytes: 10 })).toThrow(
        /mem\.csv: line 2 is longer than 10 bytes/,
      );
    });

    it('stops inflating at the limit (a gzip bomb of valid rows)', async () => {
      const row = `0,${Array.from({ length: 784 }, () => '0').join(',')}\n`;
      const file = tmp.write('bomb.csv.gz', Buffer.from(row.repeat(4000)), { gzip: true });
      await expectDamage(readCsvImages(file, { maxInflatedBytes: 1024 ** 2 }), file, 'too-large', /larger than 1 MiB once decompressed/);
    });

    it('names a corrupt gzip', async () => {
      const file = tmp.write('cut.csv.gz', gzipSync(Buffer.from([HEADER, ...ROWS].join('\n').repeat(50))).subarray(0, 60));
      await expectDamage(readCsvImages(file), file, 'corrupt-gzip', /truncated or corrupt gzip data/);
    });
  });

  it('round-trips encodeCsv with and without header', () => {
    const source = makeImageSet({ labels: [4, 0, 9], height: 5, width: 5, seed: 7 });
    for (const header of [true, false]) {
      const { set } = parseCsvImages(Buffer.from(encodeCsv(source, { header })), { file: 'mem.csv' });
      expect(Array.from(set.images)).toEqual(Array.from(source.images));
      expect(Array.from(set.labels)).toEqual([4, 0, 9]);
    }
  });
});
