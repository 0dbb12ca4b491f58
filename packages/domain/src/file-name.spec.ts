import { fileStem } from './file-name';

describe('fileStem', () => {
  it('makes a lower-case, dash-joined stem from free text', () => {
    expect(fileStem('Batch size sweep: Adam vs SGD!', 'x')).toBe('batch-size-sweep-adam-vs-sgd');
    expect(fileStem('données "1/2"', 'x')).toBe('donnees-1-2');
  });

  it('stops at 60 characters without a trailing dash', () => {
    expect(fileStem(`${'a'.repeat(59)} b`, 'x')).toBe('a'.repeat(59));
  });

  it('falls back when nothing is left', () => {
    expect(fileStem('***', 'experiment')).toBe('experiment');
  });
});
