import { ashaFinalStatus, ashaPromotionLimits, ashaPromotions, type AshaPromotion, type AshaRung } from './asha';

type MutableRung = { results: { trialId: string; score: number }[]; promoted: string[] };

describe('ashaPromotions', () => {
  it('follows a scripted η=3 run of 9 trials over 3 rungs, promotion by promotion', () => {
    const rungs: MutableRung[] = [0, 1, 2].map(() => ({ results: [], promoted: [] }));
    const arrive = (trialId: string, rung: number, score: number): AshaPromotion[] => {
      rungs[rung]!.results.push({ trialId, score });
      const promotions = ashaPromotions(rungs, 3);
      // the worker enqueues each promotion and marks it, as it would in the database
      for (const p of promotions) rungs[p.fromRung]!.promoted.push(p.trialId);
      return promotions;
    };
    const up = (trialId: string, fromRung: number, score: number) => ({ trialId, fromRung, toRung: fromRung + 1, score });

    expect(arrive('t1', 0, 0.5)).toEqual([]); // n0=1: floor(1/3)=0
    expect(arrive('t2', 0, 0.7)).toEqual([]); // n0=2: 0
    expect(arrive('t3', 0, 0.6)).toEqual([up('t2', 0, 0.7)]); // n0=3: top 1 is t2
    expect(arrive('t4', 0, 0.8)).toEqual([up('t4', 0, 0.8)]); // n0=4: top 1 is now t4; t2 stays promoted
    expect(arrive('t2', 1, 0.72)).toEqual([]); // n1=1: 0; rung 0 top 1 (t4) already promoted
    expect(arrive('t5', 0, 0.55)).toEqual([]); // n0=5: top 1 still t4
    expect(arrive('t6', 0, 0.7)).toEqual([]); // n0=6: top 2 = t4, t2 (0.7, arrived before t6's 0.7)
    expect(arrive('t4', 1, 0.85)).toEqual([]); // n1=2: 0
    expect(arrive('t7', 0, 0.4)).toEqual([]); // n0=7: top 2 unchanged
    expect(arrive('t8', 0, 0.9)).toEqual([up('t8', 0, 0.9)]); // n0=8: top 2 = t8, t4
    expect(arrive('t9', 0, 0.65)).toEqual([]); // n0=9: top 3 = t8, t4, t2 — t6 loses the tie
    expect(arrive('t8', 1, 0.88)).toEqual([up('t8', 1, 0.88)]); // n1=3: top 1 = t8
    expect(arrive('t8', 2, 0.91)).toEqual([]); // top rung: nothing above it

    expect(rungs.map((r) => r.promoted)).toEqual([['t2', 't4', 't8'], ['t8'], []]);
    expect(ashaFinalStatus(rungs)).toEqual([
      { trialId: 't1', status: 'stopped', rung: 0, score: 0.5 },
      { trialId: 't2', status: 'stopped', rung: 1, score: 0.72 },
      { trialId: 't3', status: 'stopped', rung: 0, score: 0.6 },
      { trialId: 't4', status: 'stopped', rung: 1, score: 0.85 },
      { trialId: 't5', status: 'stopped', rung: 0, score: 0.55 },
      { trialId: 't6', status: 'stopped', rung: 0, score: 0.7 },
      { trialId: 't7', status: 'stopped', rung: 0, score: 0.4 },
      { trialId: 't8', status: 'completed', rung: 2, score: 0.91 },
      { trialId: 't9', status: 'stopped', rung: 0, score: 0.65 },
    ]);
  });

  it('returns every pending promotion at once, highest rung first, best first, NaN ranked last', () => {
    const rungs: AshaRung[] = [
      {
        results: [
          { trialId: 'a', score: NaN },
          { trialId: 'b', score: 0.3 },
          { trialId: 'c', score: 0.9 },
          { trialId: 'd', score: 0.1 },
          { trialId: 'e', score: 0.2 },
          { trialId: 'f', score: 0.95 },
        ],
        promoted: [],
      },
      {
        results: [
          { trialId: 'x', score: 0.5 },
          { trialId: 'y', score: 0.6 },
        ],
        promoted: [],
      },
      { results: [], promoted: [] },
    ];
    expect(ashaPromotions(rungs, 2)).toEqual([
      { trialId: 'y', fromRung: 1, toRung: 2, score: 0.6 },
      { trialId: 'f', fromRung: 0, toRung: 1, score: 0.95 },
      { trialId: 'c', fromRung: 0, toRung: 1, score: 0.9 },
      { trialId: 'b', fromRung: 0, toRung: 1, score: 0.3 },
    ]);
  });

  it('promotes past floor(n/η) when later results beat earlier promotions, unless the plan caps it', () => {
    // η = 2, results arriving best last: each new one tops the rung
    const rung0 = (ids: string[], promoted: string[]): AshaRung[] => [
      { results: ids.map((trialId, i) => ({ trialId, score: 0.1 * (i + 1) })), promoted },
      { results: [], promoted: [] },
    ];
    expect(ashaPromotions(rung0(['a', 'b'], []), 2).map((p) => p.trialId)).toEqual(['b']);
    // three results, b already promoted: c is the top 1 now, and is promoted too (2 > floor(3/2))
    expect(ashaPromotions(rung0(['a', 'b', 'c'], ['b']), 2).map((p) => p.trialId)).toEqual(['c']);
    // a search planned for 3 trials promotes at most floor(3/2) = 1 from rung 0
    const limits = ashaPromotionLimits(3, 2, 2);
    expect(limits).toEqual([1]);
    expect(ashaPromotions(rung0(['a', 'b', 'c'], ['b']), 2, limits)).toEqual([]);
    expect(ashaPromotions(rung0(['a', 'b'], []), 2, limits).map((p) => p.trialId)).toEqual(['b']);
    // Hyperband's bracket 1 starts at rung 1: nothing is promoted from rung 0, floor(n/η^j) above
    expect(ashaPromotionLimits(9, 4, 3, 1)).toEqual([0, 3, 1]);
  });

  it('rejects inconsistent rung records with a message naming the trial', () => {
    const r = (results: [string, number][], promoted: string[] = []): AshaRung => ({
      results: results.map(([trialId, score]) => ({ trialId, score })),
      promoted,
    });
    expect(() => ashaPromotions([r([['a', 1]]), r([])], 1)).toThrow('η must be a whole number ≥ 2, got 1');
    expect(() =>
      ashaPromotions(
        [
          r([
            ['a', 1],
            ['a', 2],
          ]),
          r([]),
        ],
        3,
      ),
    ).toThrow('trial a has two results at rung 0');
    expect(() => ashaPromotions([r([['a', 1]], ['b']), r([])], 3)).toThrow(
      'trial b is marked promoted from rung 0 but has no result there',
    );
    expect(() => ashaPromotions([r([]), r([['a', 1]], ['a'])], 3)).toThrow('rung 1 is the top rung');
  });
});
