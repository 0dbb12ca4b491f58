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

  it('counts anomalies and lists the first affected indices once, in order', () => {
    const anomalies = toSplitAnomalies({ emptyIndices: [9, 2], constantIndices: [5], invalidLabelIndices: [2, 30] });
    expect(anomalies).toEqual({ empty: 2, constant: 1, invalidLabel: 2, examples: [2, 5, 9, 30] });
  });
});
