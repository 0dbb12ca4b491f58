import { makeSeries } from '@/test/fixtures/run';
import { curveKindOf, describeNonFinite, runCurves, type RunCurveInput } from './run-curves';

const run = (overrides: Partial<RunCurveInput> = {}): RunCurveInput => ({
  id: 'run-1',
  label: 'run 1',
  color: '#2f6db5',
  startedAt: '2026-12-01T10:00:00.000Z',
  series: [makeSeries('loss', [2, 'NaN', 1, 'Infinity']), makeSeries('val_accuracy', [0.5, 0.7])],
  ...overrides,
});

describe('runCurves', () => {
  it('puts each step on the step axis and the seconds since the start on the time axis', () => {
    const curves = runCurves([run()], 'loss');
    expect(curves.series).toHaveLength(1);
    expect(curves.series[0]!.points).toEqual([
      { epoch: 0, elapsed: 0, value: 2 },
      { epoch: 1, elapsed: 1, value: null },
      { epoch: 2, elapsed: 2, value: 1 },
      { epoch: 3, elapsed: 3, value: null },
    ]);
    expect(curves.firstStep).toBe(0);
  });

  it('collects the points it cannot draw, with their step', () => {
    const curves = runCurves([run()], 'loss');
    expect(curves.nonFinite).toEqual([
      { run: 'run 1', fold: null, step: 1, value: 'NaN' },
      { run: 'run 1', fold: null, step: 3, value: 'Infinity' },
    ]);
    expect(describeNonFinite(curves.nonFinite, { runs: false })).toBe('NaN at step 1, Infinity at step 3');
    expect(describeNonFinite(curves.nonFinite, { runs: true, max: 1 })).toBe('NaN at step 1 (run 1) and 1 more');
  });

  it('draws a line per fold for a run that logged only per fold, thinner than a run-wide line', () => {
    const trial = run({
      id: 't',
      label: 'sweep #2',
      startedAt: null,
      series: [makeSeries('loss', [1, 0.8], { fold: 1 }), makeSeries('loss', [1.1, 0.9], { fold: 0 })],
    });
    const curves = runCurves([trial], 'loss');
    expect(curves.series.map((s) => s.name)).toEqual(['sweep #2 · fold 1', 'sweep #2 · fold 2']);
    // no start time: the first point is time zero
    expect(curves.series[0]!.points[1]!.elapsed).toBe(1);
    expect(curves.series[0]!.strokeWidth).toBeLessThan(2);
  });

  it('adds fold lines beside the run-wide one only when asked', () => {
    const both = run({ series: [makeSeries('loss', [1, 0.5]), makeSeries('loss', [1.2, 0.6], { fold: 0 })] });
    expect(runCurves([both], 'loss').series).toHaveLength(1);
    const withFolds = runCurves([both], 'loss', { folds: true }).series;
    expect(withFolds.map((s) => s.name)).toEqual(['run 1', 'run 1 · fold 1']);
    expect(withFolds[1]!.dashed).toBe(true);
  });

  it('overlays several runs, each in its colour', () => {
    const curves = runCurves([run(), run({ id: 'run-2', label: 'run 2', color: '#d9691c' })], 'val_accuracy');
    expect(curves.series.map((s) => [s.name, s.color])).toEqual([
      ['run 1', '#2f6db5'],
      ['run 2', '#d9691c'],
    ]);
  });
});

describe('curveKindOf', () => {
  it('reads accuracies in percent only when they are fractions', () => {
    const fractions = runCurves([run()], 'val_accuracy').series;
    expect(curveKindOf('val_accuracy', fractions)).toBe('accuracy');
    const counts = runCurves([run({ series: [makeSeries('top5_acc', [12, 40])] })], 'top5_acc').series;
    expect(curveKindOf('top5_acc', counts)).toBe('value');
    expect(curveKindOf('loss', fractions)).toBe('value');
  });
});
