import { attachment, fileStem } from './content-disposition';

describe('content disposition', () => {
  it('keeps an ASCII name as is', () => {
    expect(attachment('my-search-trial-3.zip')).toBe('attachment; filename="my-search-trial-3.zip"');
  });

  it('adds the UTF-8 name for other characters and strips quotes and slashes', () => {
    expect(attachment('données "1/2".csv')).toBe(`attachment; filename="donnees--1-2-.csv"; filename*=UTF-8''donn%C3%A9es%20-1-2-.csv`);
  });

  it('makes file stems from free text', () => {
    expect(fileStem('Batch size sweep: Adam vs SGD!')).toBe('batch-size-sweep-adam-vs-sgd');
    expect(fileStem('Données')).toBe('donnees');
    expect(fileStem('***')).toBe('experiment');
  });
});
