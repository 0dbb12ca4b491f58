import { makeMetricSummary, makeRunSummary } from '@/test/fixtures/run';
import { parseTray, trayCompareHref } from '@/components/compare/compare-tray-state';
import { defaultMetricKeys, metricKeysOf, paramDiff, parseMetricKeys, parseRunIds, runLegendLabels, runsCompareUrl } from './run-compare';

describe('the runs comparison', () => {
  it('reads ids and keys from the URL, de-duplicated, in order', () => {
    expect(parseRunIds('b,a, b,,c')).toEqual(['b', 'a', 'c']);
    expect(parseRunIds(['a', 'b,c'])).toEqual(['a', 'b', 'c']);
    expect(parseRunIds(Array.from({ length: 60 }, (_, i) => `r${i}`).join(','))).toHaveLength(50);
    expect(parseMetricKeys(undefined)).toBeNull();
    expect(parseMetricKeys('loss,val loss')).toEqual(['loss', 'val loss']);
    expect(runsCompareUrl(['a', 'b'], ['val loss', 'lr'])).toBe('/runs/compare?ids=a,b&keys=val+loss,lr');
    expect(runsCompareUrl(['a'])).toBe('/runs/compare?ids=a');
  });

  it('diffs the parameters over the union of keys; a key missing from a run differs', () => {
    const rows = paramDiff([
      makeRunSummary(1, { params: { lr: 0.01, optimizer: 'adam', seed: 1 } }),
      makeRunSummary(2, { params: { lr: 0.01, optimizer: 'sgd' } }),
      makeRunSummary(3, { params: { lr: 0.01, optimizer: 'adam', seed: '1' } }),
    ]);
    expect(rows).toEqual([
      { key: 'lr', values: [0.01, 0.01, 0.01], differs: false },
      { key: 'optimizer', values: ['adam', 'sgd', 'adam'], differs: true },
      // 1 and "1" are different settings
      { key: 'seed', values: [1, undefined, '1'], differs: true },
    ]);
  });

  it('looks first at the validation scores every run has', () => {
    const runs = [
      makeRunSummary(1, {
        metrics: {
          loss: makeMetricSummary(1),
          val_accuracy: makeMetricSummary(0.9),
          lr: makeMetricSummary(0.1),
          gpu: makeMetricSummary(1),
        },
      }),
      makeRunSummary(2, { metrics: { loss: makeMetricSummary(1), val_accuracy: makeMetricSummary(0.8), lr: makeMetricSummary(0.1) } }),
    ];
    expect(defaultMetricKeys(runs)).toEqual(['val_accuracy', 'loss', 'lr', 'gpu']);
    expect(metricKeysOf(runs)).toEqual(['gpu', 'loss', 'lr', 'val_accuracy']);
  });

  it('labels runs by name, with their experiment when they come from several', () => {
    const a = makeRunSummary(1, { name: null });
    const b = makeRunSummary(2);
    expect(runLegendLabels([a, b])).toEqual(['#1', 'run 2']);
    expect(runLegendLabels([a, { ...b, experimentId: 'other', experimentName: 'sweep' }])).toEqual(['notebook runs · #1', 'sweep · run 2']);
  });

  it('sends the tray to the trials comparison for trials only, else to the runs comparison', () => {
    const trials = (ids: string[]) => `/compare?trials=${ids.join(',')}`;
    expect(
      trayCompareHref(
        [
          { id: 't1', label: 'a' },
          { id: 't2', label: 'b', source: 'search' },
        ],
        trials,
      ),
    ).toBe('/compare?trials=t1,t2');
    expect(
      trayCompareHref(
        [
          { id: 't1', label: 'a' },
          { id: 'r1', label: 'b', source: 'tracked' },
        ],
        trials,
      ),
    ).toBe('/runs/compare?ids=t1,r1');
  });
});

describe('the tray', () => {
  it('keeps where each run came from across reloads, and reads older trays as trials', () => {
    expect(
      parseTray(
        JSON.stringify([
          { id: 'a', label: 'x' },
          { id: 'b', label: 'y', source: 'tracked' },
          { id: 'c', label: 'z', source: 'bogus' },
          { id: 3 },
        ]),
      ),
    ).toEqual([
      { id: 'a', label: 'x' },
      { id: 'b', label: 'y', source: 'tracked' },
      { id: 'c', label: 'z' },
    ]);
  });
});
