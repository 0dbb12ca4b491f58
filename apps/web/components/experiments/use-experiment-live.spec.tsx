import type { TExperimentOverview, TProgressEvent } from '@atelier/domain';
import { useEffect } from 'react';
import { act, screen } from '@testing-library/react';
import { actAsync } from '@/test/act';
import type { ApiClient } from '@/lib/api-client';
import { EXPERIMENT_ID, makeEpoch, makeMetrics, makeOtherTrials, makeOverview, makeTrial } from '@/test/fixtures/experiment';
import { renderWithQuery } from '@/test/query';
import { backoffDelay, RELOAD_INTERVAL_MS, useExperimentLive } from './use-experiment-live';

/** Stands in for the browser's EventSource: the test opens, emits and breaks it by hand. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((message: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  /** An event as the server frames it: `id` is its SSE id (MessageEvent.lastEventId). */
  emit(event: TProgressEvent | { type: 'snapshot'; experimentId: string; resumed: boolean; replayed: number; state: unknown }, id = '') {
    for (const listener of this.listeners.get(event.type) ?? [])
      listener({ data: JSON.stringify(event), lastEventId: id } as MessageEvent<string>);
  }
}

/** Shows trial 1's curves, already loaded (empty) when the page rendered. */
function Probe({ api, initial, shown = [1] }: { api: ApiClient; initial: TExperimentOverview; shown?: number[] }) {
  const { state, stream, error, showCurves } = useExperimentLive(
    { experiment: initial, metrics: { experimentId: EXPERIMENT_ID, trials: [{ trialId: 'trial-1', number: 1, folds: [] }] } },
    { api, createEventSource: (url) => new FakeEventSource(url) as unknown as EventSource },
  );
  const shownKey = shown.join(',');
  useEffect(() => showCurves(shownKey ? shownKey.split(',').map(Number) : []), [shownKey, showCurves]);
  const epochs = state.metrics.trials.flatMap((t) => t.folds.flatMap((f) => f.metrics)).length;
  return (
    <div>
      <span data-testid="status">{state.experiment.status}</span>
      <span data-testid="stream">{stream}</span>
      <span data-testid="epochs">{epochs}</span>
      <span data-testid="error">{error ?? ''}</span>
    </div>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

/**
 * The stream's first opening reloads the overview the server rendered (for what happened between
 * that render and now); here it answers `overview` itself, and the mocks' counts start afresh.
 */
async function openFirst(source: FakeEventSource, api: ApiClient, overview: TExperimentOverview) {
  const getOverview = api.getExperimentOverview as jest.Mock;
  getOverview.mockImplementationOnce(() => Promise.resolve(overview));
  await act(async () => {
    source.onopen?.();
    await jest.advanceTimersByTimeAsync(20);
  });
  expect(getOverview).toHaveBeenCalledTimes(1);
  getOverview.mockClear();
  (api.getExperimentMetrics as jest.Mock).mockClear();
}
const epochEvent = (epoch: number, fold = 0): TProgressEvent => ({
  type: 'epoch',
  experimentId: EXPERIMENT_ID,
  trialId: 'trial-1',
  fold,
  epochs: 2,
  metric: makeEpoch(epoch),
});

describe('useExperimentLive', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('reloads the overview once open, applies streamed events, reconnects with backoff and reloads the overview and unfinished curves after reconnecting', async () => {
    const snapshot = makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] });
    const api = {
      getExperimentOverview: jest.fn(() => Promise.resolve(snapshot)),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([{ trialId: 'trial-1', number: 1, epochs: 2, folds: 2 }]))),
    } as unknown as ApiClient;
    renderWithQuery(<Probe api={api} initial={makeOverview()} />);

    const first = FakeEventSource.instances[0]!;
    expect(first.url).toBe(`/api/experiments/${EXPERIMENT_ID}/events`);
    expect(text('stream')).toBe('connecting');
    await act(async () => {
      first.onopen?.();
      await jest.advanceTimersByTimeAsync(20);
    });
    expect(text('stream')).toBe('live');
    // once open, the overview is read again: what happened between the server's render and now reached no one
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
    // trial 1 is running in it: its curves are read again too
    expect(api.getExperimentMetrics).toHaveBeenCalledWith(EXPERIMENT_ID, [1]);
    expect(text('epochs')).toBe('4');
    (api.getExperimentOverview as jest.Mock).mockClear();
    (api.getExperimentMetrics as jest.Mock).mockClear();

    await actAsync(() => {
      first.emit(epochEvent(3, 1));
      first.emit({ type: 'experiment', experimentId: 'another-one', status: 'failed' });
      jest.advanceTimersByTime(20); // one animation frame
    });
    expect(text('epochs')).toBe('5');
    expect(text('status')).toBe('running');

    act(() => first.onerror?.());
    expect(first.closed).toBe(true);
    expect(text('stream')).toBe('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => jest.advanceTimersByTime(1300)); // first backoff: about 1 s
    expect(FakeEventSource.instances).toHaveLength(2);

    await actAsync(() => FakeEventSource.instances[1]!.onopen?.());
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
    // trial 1 is running in the new overview: its curves are fetched again
    expect(api.getExperimentMetrics).toHaveBeenCalledWith(EXPERIMENT_ID, [1]);
    // 2 folds × 2 epochs from the reloaded metrics, and the streamed third epoch of fold 2 kept
    expect(text('epochs')).toBe('5');
    expect(text('stream')).toBe('live');
  });

  it('resumes after a reconnect from the last event id: a resumed stream is not read again, one the server cannot resume is', async () => {
    const api = {
      getExperimentOverview: jest.fn(() =>
        Promise.resolve(makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] })),
      ),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([{ trialId: 'trial-1', number: 1, epochs: 2, folds: 2 }]))),
    } as unknown as ApiClient;
    renderWithQuery(<Probe api={api} initial={makeOverview()} />);
    const first = FakeEventSource.instances[0]!;
    await act(async () => {
      first.onopen?.();
      first.emit({ type: 'snapshot', experimentId: EXPERIMENT_ID, resumed: false, replayed: 0, state: {} }, '100-0');
      await jest.advanceTimersByTimeAsync(100);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1); // the first opening after the server's render
    expect(text('epochs')).toBe('4');
    await act(async () => {
      first.emit(epochEvent(3, 1), '101-0');
      await jest.advanceTimersByTimeAsync(100); // one animation frame
    });
    expect(text('epochs')).toBe('5');

    // the API goes away and comes back: the page asks for what it missed after 101-0
    act(() => first.onerror?.());
    act(() => jest.advanceTimersByTime(1300));
    const second = FakeEventSource.instances[1]!;
    expect(second.url).toBe(`/api/experiments/${EXPERIMENT_ID}/events?lastEventId=101-0`);
    await act(async () => {
      second.onopen?.();
      second.emit({ type: 'snapshot', experimentId: EXPERIMENT_ID, resumed: true, replayed: 0, state: null });
      second.emit(epochEvent(4, 1), '102-0');
      await jest.advanceTimersByTimeAsync(100);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1); // resumed: nothing read again
    expect(text('epochs')).toBe('6');

    // a longer outage than the server keeps: it cannot resume, and the page reads its state again
    act(() => second.onerror?.());
    act(() => jest.advanceTimersByTime(1300));
    const third = FakeEventSource.instances[2]!;
    expect(third.url).toBe(`/api/experiments/${EXPERIMENT_ID}/events?lastEventId=102-0`);
    await act(async () => {
      third.onopen?.();
      third.emit({ type: 'snapshot', experimentId: EXPERIMENT_ID, resumed: false, replayed: 0, state: {} }, '200-0');
      await jest.advanceTimersByTimeAsync(100);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(2);
    expect(text('stream')).toBe('live');
  });

  it('keeps listening after a cancel until the last trial settles, then stops', async () => {
    const winding = makeOverview({
      status: 'cancelled',
      trials: [makeTrial(1, { status: 'running' }), makeTrial(2, { status: 'cancelled' })],
    });
    const api = {
      getExperimentOverview: jest.fn(() => Promise.resolve(winding)),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([]))),
    } as unknown as ApiClient;
    const initial = makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' }), makeTrial(2)] });
    renderWithQuery(<Probe api={api} initial={initial} />);
    const source = FakeEventSource.instances[0]!;
    await openFirst(source, api, initial);
    await actAsync(() => {
      source.emit({ type: 'experiment', experimentId: EXPERIMENT_ID, status: 'cancelled' });
      jest.advanceTimersByTime(20);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
    expect(text('status')).toBe('cancelled');
    // trial 1 is still stopping: its final event must get through
    expect(source.closed).toBe(false);
    expect(text('stream')).toBe('live');

    await actAsync(() => {
      source.emit({
        type: 'trial',
        experimentId: EXPERIMENT_ID,
        trialId: 'trial-1',
        status: 'cancelled',
        meanValAccuracy: null,
        stdValAccuracy: null,
      });
      jest.advanceTimersByTime(20);
    });
    expect(source.closed).toBe(true);
    expect(text('stream')).toBe('closed');
    act(() => jest.advanceTimersByTime(60_000));
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('does not subscribe to a finished experiment', () => {
    const finished = makeOverview({
      status: 'completed',
      trials: [makeTrial(1, { status: 'completed' }), makeTrial(2, { status: 'failed' })],
    });
    renderWithQuery(<Probe api={{} as ApiClient} initial={finished} />);
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(text('stream')).toBe('closed');
  });
  it('fetches the curves of trials when they are first shown, once', async () => {
    const api = {
      getExperimentMetrics: jest.fn((_id: string, numbers: number[]) =>
        Promise.resolve(makeMetrics(numbers.map((number) => ({ trialId: `trial-${number}`, number, epochs: 3, folds: 2 })))),
      ),
    } as unknown as ApiClient;
    const initial = makeOverview({ status: 'completed', trials: [1, 2, 3].map((n) => makeTrial(n, { status: 'completed' })) });
    const { rerender } = renderWithQuery(<Probe api={api} initial={initial} shown={[1]} />);
    expect(api.getExperimentMetrics).not.toHaveBeenCalled();
    await actAsync(() => rerender(<Probe api={api} initial={initial} shown={[1, 2, 3]} />));
    expect(api.getExperimentMetrics).toHaveBeenCalledTimes(1);
    expect(api.getExperimentMetrics).toHaveBeenCalledWith(EXPERIMENT_ID, [2, 3]);
    expect(text('epochs')).toBe('12'); // trials 2 and 3: 2 folds × 3 epochs each
    await actAsync(() => rerender(<Probe api={api} initial={initial} shown={[2]} />));
    await actAsync(() => rerender(<Probe api={api} initial={initial} shown={[1, 2, 3]} />));
    expect(api.getExperimentMetrics).toHaveBeenCalledTimes(1);
  });

  it('reloads the overview when the refit finishes, for its evaluation and model', async () => {
    const done = makeOverview({ status: 'completed', trials: [makeTrial(1, { status: 'completed' })] });
    const api = {
      getExperimentOverview: jest.fn(() => Promise.resolve(done)),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([]))),
    } as unknown as ApiClient;
    const initial = makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] });
    renderWithQuery(<Probe api={api} initial={initial} />);
    const source = FakeEventSource.instances[0]!;
    await openFirst(source, api, initial);
    await actAsync(() => {
      source.emit({ type: 'refit', experimentId: EXPERIMENT_ID, trialId: 'trial-1', status: 'running', testAccuracy: null });
      jest.advanceTimersByTime(RELOAD_INTERVAL_MS);
    });
    expect(api.getExperimentOverview).not.toHaveBeenCalled();
    await actAsync(() => {
      source.emit({ type: 'refit', experimentId: EXPERIMENT_ID, trialId: 'trial-1', status: 'completed', testAccuracy: 0.9 });
      jest.advanceTimersByTime(10);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
  });

  it('opens the stream again when the overview after "completed" shows a refit still to come', async () => {
    const refit = { status: 'queued' as const, trialId: 'trial-1', testAccuracy: null, evaluationId: null, model: null, error: null };
    const completed = makeOverview({ status: 'completed', refit, trials: [makeTrial(1, { status: 'completed', meanValAccuracy: 0.8 })] });
    // the overview answers after the next animation frame, as over a real network
    const slowly = () => new Promise<typeof completed>((resolve) => setTimeout(() => resolve(completed), 100));
    const api = {
      getExperimentOverview: jest.fn(slowly),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([]))),
    } as unknown as ApiClient;
    const initial = makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] });
    renderWithQuery(<Probe api={api} initial={initial} />);
    const first = FakeEventSource.instances[0]!;
    await openFirst(first, api, initial);
    await actAsync(() => {
      // the trial's and the search's last events: until the overview comes, the page looks settled
      first.emit({
        type: 'trial',
        experimentId: EXPERIMENT_ID,
        trialId: 'trial-1',
        status: 'completed',
        meanValAccuracy: 0.8,
        stdValAccuracy: 0,
      });
      first.emit({ type: 'experiment', experimentId: EXPERIMENT_ID, status: 'completed' });
      jest.advanceTimersByTime(20);
    });
    expect(first.closed).toBe(true);
    expect(text('stream')).toBe('closed');
    await actAsync(() => {
      jest.advanceTimersByTime(100);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
    // the overview says the refit is queued: listening goes on, on a new stream
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(text('stream')).toBe('connecting');
    await actAsync(() => FakeEventSource.instances[1]!.onopen?.());
    expect(text('stream')).toBe('live');
    // reopening reloads, for whatever happened while no stream was open
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(2);
  });

  it("reloads a big search's overview when unlisted trials move, at most once per interval", async () => {
    const big = makeOverview({
      status: 'running',
      trialCount: 500,
      allTrials: false,
      otherTrials: makeOtherTrials({ count: 499 }),
      trials: [makeTrial(1, { status: 'running' })],
    });
    const api = {
      getExperimentOverview: jest.fn(() => Promise.resolve(big)),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([]))),
    } as unknown as ApiClient;
    renderWithQuery(<Probe api={api} initial={big} />);
    const source = FakeEventSource.instances[0]!;
    await openFirst(source, api, big);
    const batch = (trialId: string): TProgressEvent => ({
      type: 'batch',
      experimentId: EXPERIMENT_ID,
      trialId,
      fold: 0,
      epoch: 1,
      epochs: 2,
      batch: 1,
      batches: 4,
    });
    await actAsync(() => {
      source.emit(batch('trial-1')); // listed: applied live, no reload
      jest.advanceTimersByTime(RELOAD_INTERVAL_MS);
    });
    expect(api.getExperimentOverview).not.toHaveBeenCalled();
    await actAsync(() => {
      source.emit(batch('trial-200'));
      source.emit(batch('trial-201'));
      source.emit({
        type: 'trial',
        experimentId: EXPERIMENT_ID,
        trialId: 'trial-300',
        status: 'completed',
        meanValAccuracy: 0.8,
        stdValAccuracy: 0,
      });
      jest.advanceTimersByTime(10);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
    await actAsync(() => {
      source.emit(batch('trial-202'));
      jest.advanceTimersByTime(RELOAD_INTERVAL_MS / 2);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
    await actAsync(() => jest.advanceTimersByTime(RELOAD_INTERVAL_MS));
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(2);
  });
  it("after a page reload, shows what happened between the server's render and the stream's opening", async () => {
    // the server rendered the search running; it completed before the browser's stream opened, so no event will say so
    const rendered = makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] });
    const meanwhile = makeOverview({ status: 'completed', trials: [makeTrial(1, { status: 'completed', meanValAccuracy: 0.8 })] });
    const api = {
      getExperimentOverview: jest.fn(() => Promise.resolve(meanwhile)),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([]))),
    } as unknown as ApiClient;
    renderWithQuery(<Probe api={api} initial={rendered} />);
    expect(text('status')).toBe('running');
    await act(async () => {
      FakeEventSource.instances[0]!.onopen?.();
      await jest.advanceTimersByTimeAsync(20);
    });
    expect(text('status')).toBe('completed');
    expect(text('stream')).toBe('closed');
  });

  it('keeps the events that arrive while the overview reloads: they are applied on top of the answer', async () => {
    // the overview was read before epochs 1 and 2 were trained, and answers only after they streamed in
    const older = makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] });
    let answer: (overview: TExperimentOverview) => void = () => undefined;
    const api = {
      getExperimentOverview: jest.fn(() => new Promise<TExperimentOverview>((resolve) => (answer = resolve))),
      getExperimentMetrics: jest.fn(() => Promise.resolve(makeMetrics([]))),
    } as unknown as ApiClient;
    const initial = makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] });
    renderWithQuery(<Probe api={api} initial={initial} />);
    const source = FakeEventSource.instances[0]!;
    await openFirst(source, api, initial);
    await actAsync(() => {
      // a status change reloads the overview at once
      source.emit({ type: 'experiment', experimentId: EXPERIMENT_ID, status: 'running' });
      jest.advanceTimersByTime(20);
    });
    expect(api.getExperimentOverview).toHaveBeenCalledTimes(1);
    await actAsync(() => {
      source.emit(epochEvent(1));
      source.emit(epochEvent(2));
      jest.advanceTimersByTime(20);
    });
    // held back: not applied to the state the overview is about to replace
    expect(text('epochs')).toBe('0');
    await actAsync(() => {
      answer(older);
      jest.advanceTimersByTime(20);
    });
    expect(text('epochs')).toBe('2');
    expect(text('status')).toBe('running');
    // and the stream goes on as before
    await actAsync(() => {
      source.emit(epochEvent(3));
      jest.advanceTimersByTime(20);
    });
    expect(text('epochs')).toBe('3');
  });
});

describe('backoffDelay', () => {
  it('waits one second, then 1.5 s between attempts, with ±20% jitter: never more than 2 s once the API is back', () => {
    expect([0, 1, 2, 3, 6].map((n) => backoffDelay(n, () => 0.5))).toEqual([1000, 1500, 1500, 1500, 1500]);
    expect(backoffDelay(9, () => 1)).toBe(1800);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
  });
});
