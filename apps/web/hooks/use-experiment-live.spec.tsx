import type { TExperimentDetail, TProgressEvent } from '@atelier/domain';
import { act, render, screen } from '@testing-library/react';
import type { ApiClient } from '@/lib/api-client';
import { EXPERIMENT_ID, makeEpoch, makeExperiment, makeMetrics, makeTrial } from '../test/fixtures/experiment';
import { backoffDelay, useExperimentLive } from './use-experiment-live';

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
  emit(event: TProgressEvent) {
    for (const listener of this.listeners.get(event.type) ?? []) listener({ data: JSON.stringify(event) } as MessageEvent<string>);
  }
}

function Probe({ api, initial }: { api: ApiClient; initial: TExperimentDetail }) {
  const { state, stream, error } = useExperimentLive(
    { experiment: initial, metrics: { experimentId: EXPERIMENT_ID, trials: [] } },
    { api, createEventSource: (url) => new FakeEventSource(url) as unknown as EventSource },
  );
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
const epochEvent = (epoch: number): TProgressEvent => ({
  type: 'epoch',
  experimentId: EXPERIMENT_ID,
  trialId: 'trial-1',
  fold: 0,
  epochs: 2,
  metric: makeEpoch(epoch),
});

describe('useExperimentLive', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    jest.useFakeTimers();
  });
  afterEach(() => jest.useRealTimers());

  it('applies streamed events, reconnects with backoff and reloads the snapshot after reconnecting', async () => {
    const snapshot = makeExperiment({ status: 'running', trials: [makeTrial(1, { status: 'running' })] });
    const api = {
      getExperiment: jest.fn(async () => snapshot),
      getExperimentMetrics: jest.fn(async () => makeMetrics([{ trialId: 'trial-1', number: 1, epochs: 2, folds: 2 }])),
    } as unknown as ApiClient;
    render(<Probe api={api} initial={makeExperiment()} />);

    const first = FakeEventSource.instances[0]!;
    expect(first.url).toBe(`/api/experiments/${EXPERIMENT_ID}/events`);
    expect(text('stream')).toBe('connecting');
    act(() => first.onopen?.());
    expect(text('stream')).toBe('live');
    // no reload on the first connection: the server rendered the snapshot
    expect(api.getExperiment).not.toHaveBeenCalled();

    act(() => {
      first.emit(epochEvent(1));
      first.emit({ type: 'experiment', experimentId: 'another-one', status: 'failed' });
      jest.advanceTimersByTime(20); // one animation frame
    });
    expect(text('epochs')).toBe('1');
    expect(text('status')).toBe('running');

    act(() => first.onerror?.());
    expect(first.closed).toBe(true);
    expect(text('stream')).toBe('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => jest.advanceTimersByTime(1300)); // first backoff: about 1 s
    expect(FakeEventSource.instances).toHaveLength(2);

    await act(async () => FakeEventSource.instances[1]!.onopen?.());
    expect(api.getExperiment).toHaveBeenCalledTimes(1);
    expect(text('epochs')).toBe('4'); // 2 folds × 2 epochs from the reloaded metrics
    expect(text('stream')).toBe('live');
  });

  it('keeps listening after a cancel until the last trial settles, then stops', async () => {
    const winding = makeExperiment({
      status: 'cancelled',
      trials: [makeTrial(1, { status: 'running' }), makeTrial(2, { status: 'cancelled' })],
    });
    const api = {
      getExperiment: jest.fn(async () => winding),
      getExperimentMetrics: jest.fn(async () => makeMetrics([])),
    } as unknown as ApiClient;
    render(<Probe api={api} initial={makeExperiment({ status: 'running', trials: [makeTrial(1, { status: 'running' }), makeTrial(2)] })} />);
    const source = FakeEventSource.instances[0]!;
    await act(async () => {
      source.onopen?.();
      source.emit({ type: 'experiment', experimentId: EXPERIMENT_ID, status: 'cancelled' });
      jest.advanceTimersByTime(20);
    });
    expect(api.getExperiment).toHaveBeenCalledTimes(1);
    expect(text('status')).toBe('cancelled');
    // trial 1 is still stopping: its final event must get through
    expect(source.closed).toBe(false);
    expect(text('stream')).toBe('live');

    await act(async () => {
      source.emit({ type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-1', status: 'cancelled', meanValAccuracy: null, stdValAccuracy: null });
      jest.advanceTimersByTime(20);
    });
    expect(source.closed).toBe(true);
    expect(text('stream')).toBe('closed');
    act(() => jest.advanceTimersByTime(60_000));
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('does not subscribe to a finished experiment', () => {
    const finished = makeExperiment({ status: 'completed', trials: [makeTrial(1, { status: 'completed' }), makeTrial(2, { status: 'failed' })] });
    render(<Probe api={{} as ApiClient} initial={finished} />);
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(text('stream')).toBe('closed');
  });
});

describe('backoffDelay', () => {
  it('doubles from one second up to thirty, with ±20% jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
  });
});
