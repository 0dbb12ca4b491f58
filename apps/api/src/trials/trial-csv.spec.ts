import { csvField, csvLine } from './trial-csv';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes numbers as they are, empty for null and non-finite', () => {
    expect(csvField(0.001)).toBe('0.001');
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('@cmd,x')).toBe(`"'@cmd,x"`);
  });

  it('ends lines with CRLF', () => {
    expect(csvLine([1, 'a', null])).toBe('1,a,\r\n');
  });
});
