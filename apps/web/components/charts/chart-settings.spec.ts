import { DEFAULT_CHART_SETTINGS, emaSmooth, logScale, parseChartSettings, zoomFromDrag } from './chart-settings';

describe('emaSmooth', () => {
  it('is the debiased exponential moving average, checked by hand', () => {
    // weight 0.5 on [1, 2, 3]:
    //   running 0.5·0 + 0.5·1 = 0.5,   debias 1 - 0.5   = 0.5   → 1
    //   running 0.5·0.5 + 0.5·2 = 1.25, debias 1 - 0.25 = 0.75  → 1.6667
    //   running 0.5·1.25 + 0.5·3 = 2.125, debias 1 - 0.125 = 0.875 → 2.428571
    const smoothed = emaSmooth([1, 2, 3], 0.5);
    expect(smoothed[0]).toBeCloseTo(1, 12);
    expect(smoothed[1]).toBeCloseTo(5 / 3, 12);
    expect(smoothed[2]).toBeCloseTo(2.125 / 0.875, 12);
  });

  it('starts at the first value rather than near zero (the debiasing)', () => {
    // without debiasing the first point would be 0.1·8 = 0.8
    const [first, second] = emaSmooth([8, 4], 0.9) as number[];
    expect(first).toBeCloseTo(8, 12);
    // running 0.9·0.8 + 0.1·4 = 1.12, debias 1 - 0.81 = 0.19
    expect(second).toBeCloseTo(1.12 / 0.19, 12);
  });

  it('skips missing values without counting them', () => {
    const smoothed = emaSmooth([null, 2, null, 4], 0.5);
    expect(smoothed[0]).toBeNull();
    expect(smoothed[1]).toBeCloseTo(2, 12);
    expect(smoothed[2]).toBeNull();
    // running after 2: 1; then 0.5·1 + 0.5·4 = 2.5, debias 0.75
    expect(smoothed[3]).toBeCloseTo(2.5 / 0.75, 12);
  });

  it('leaves the values alone at weight 0', () => {
    expect(emaSmooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
  });
});

describe('logScale', () => {
  it('puts 1-2-5 ticks of the decades around a narrow range', () => {
    expect(logScale([0.3, 0.45, 0.9])).toEqual({ domain: [0.2, 1], ticks: [0.2, 0.5, 1] });
  });

  it('keeps to the powers of ten across several decades and ignores values it cannot draw', () => {
    expect(logScale([8, 0.5, 0.02, 0, -1])).toEqual({ domain: [0.02, 10], ticks: [0.1, 1, 10] });
  });
});

describe('zoomFromDrag', () => {
  it('orders the ends and ignores a click', () => {
    expect(zoomFromDrag(7, 3)).toEqual([3, 7]);
    expect(zoomFromDrag(3, 3)).toBeNull();
    expect(zoomFromDrag(undefined, 3)).toBeNull();
  });
});

describe('parseChartSettings', () => {
  it('reads stored settings and falls back field by field', () => {
    expect(parseChartSettings('{"logY":true,"smoothing":0.6,"xAxis":"time"}')).toEqual({ logY: true, smoothing: 0.6, xAxis: 'time' });
    expect(parseChartSettings('{"logY":true,"smoothing":7}')).toEqual({ logY: true, smoothing: 0, xAxis: 'epoch' });
    expect(parseChartSettings('not json')).toEqual(DEFAULT_CHART_SETTINGS);
    expect(parseChartSettings(null)).toEqual(DEFAULT_CHART_SETTINGS);
  });
});
