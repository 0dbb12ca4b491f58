import type { DuplicateGroup, DuplicateReport } from '@atelier/ml/data/insight';
import { toDuplicateSummary, toSplitAnomalies } from './dataset-insight.mapper';

function group(n: number, conflicting: boolean): DuplicateGroup {
  return {
    hash: `h${n}`,
    members: Array.from({ length: 10 }, (_, i) => ({ split: 'train' as const, index: n * 100 + i, label: conflicting && i === 1 ? 1 : 0 })),
    crossSplit: false,
    conflictingLabels: conflicting,
  };
}

describe('dataset insight mapper', () => {
  it('lists conflicting-label groups first and caps groups and members', () => {
    const groups = Array.from({ length: 20 }, (_, n) => group(n, n === 15));
    const report: DuplicateReport = {
      groups,
      redundantImages: 180,
      imagesInGroups: 200,
      crossSplitGroups: 0,
      testImagesSeenInTrain: 0,
      conflictingLabelGroups: 1,
    };
    const summary = toDuplicateSummary(report);
    expect(summary).toMatchObject({ groupCount: 20, redundantImages: 180, imagesInGroups: 200, conflictingLabelGroups: 1 });
    expect(summary.examples).toHaveLength(12);
    expect(summary.examples[0]).toMatchObject({ hash: 'h15', size: 10, conflictingLabels: true });
    expect(summary.examples[1]!.hash).toBe('h0');
    expect(summary.examples[0]!.members).toHaveLength(8);
  });

  it("names each duplicate's uploaded file and line when the dataset was imported", () => {
    const report: DuplicateReport = {
      groups: [
        {
          hash: 'h',
          members: [
            { split: 'train', index: 0, label: 1 },
            { split: 'test', index: 1, label: 1 },
          ],
          crossSplit: true,
          conflictingLabels: false,
        },
      ],
      redundantImages: 1,
      imagesInGroups: 2,
      crossSplitGroups: 1,
      testImagesSeenInTrain: 1,
      conflictingLabelGroups: 0,
    };
    // a holdout: train is rows 4, 7 of the file (after a header), test rows 2, 9 of the same file
    const origins = { train: { file: 'a.csv', firstLine: 2, rows: [4, 7] }, test: { file: 'a.csv', firstLine: 2, rows: [2, 9] } };
    const members = toDuplicateSummary(report, origins).examples[0]!.members;
    expect(members.map((m) => [m.split, m.index, m.source])).toEqual([
      ['train', 0, { file: 'a.csv', line: 6, record: 4 }],
      ['test', 1, { file: 'a.csv', line: 11, record: 9 }],
    ]);
    // IDX files have records, not lines; builtins have no source
    const idx = {
      train: { file: 'train-images', firstLine: null, rows: null },
      test: { file: 't10k-images', firstLine: null, rows: null },
    };
    expect(toDuplicateSummary(report, idx).examples[0]!.members[1]!.source).toEqual({ file: 't10k-images', line: null, record: 1 });
    expect(toDuplicateSummary(report).examples[0]!.members[0]!.source).toBeNull();
  });

  it('counts anomalies and lists the first affected indices once, in order', () => {
    const anomalies = toSplitAnomalies({ emptyIndices: [9, 2], constantIndices: [5], invalidLabelIndices: [2, 30] });
    expect(anomalies).toEqual({ empty: 2, constant: 1, invalidLabel: 2, examples: [2, 5, 9, 30] });
  });
});
