import { guardCsvText, toCsv } from './csv';

describe('toCsv', () => {
  it('ends every line with CRLF, the last one too', () => {
    expect(
      toCsv([
        ['a', 'b'],
        [1, 2],
      ]),
    ).toBe('a,b\r\n1,2\r\n');
  });

  it('quotes commas, quotes and line breaks of every kind, doubling quotes', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 'cr\ronly', 'crlf\r\nin', 'plain']])).toBe(
      '"a,b","say ""hi""","two\nlines","cr\ronly","crlf\r\nin",plain\r\n',
    );
  });

  it('writes null and undefined as empty cells, numbers as they are, non-finite ones as words', () => {
    expect(toCsv([[null, undefined, 0, 0.001, 1e-7, 1002, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]])).toBe(
      ',,0,0.001,1e-7,1002,NaN,Infinity,-Infinity\r\n',
    );
  });

  it('keeps negative numbers, and text that reads as a number, unguarded', () => {
    expect(toCsv([[-0.5, -1, -1e-3, '-0.5', '+3', '-1e-3', '1e-3']])).toBe('-0.5,-1,-0.001,-0.5,+3,-1e-3,1e-3\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, quoting after the guard', () => {
    expect(toCsv([['=SUM(A1)', '+cmd', '-2+3', '@x,y', '\tlead', '\rlead', '＝1+1', 'a=b']])).toBe(
      `'=SUM(A1),'+cmd,'-2+3,"'@x,y",'\tlead,"'\rlead",'＝1+1,a=b\r\n`,
    );
  });

  it('writes nothing for no rows', () => {
    expect(toCsv([])).toBe('');
  });
});

describe('guardCsvText', () => {
  it('prefixes an apostrophe only where a formula could start', () => {
    expect(guardCsvText('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(guardCsvText('-Infinity')).toBe("'-Infinity");
    expect(guardCsvText('-.5')).toBe('-.5');
    expect(guardCsvText('T-shirt/top')).toBe('T-shirt/top');
  });
});
