import { notifyManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';

// The cache tells components of new data on a zero timeout, which fake timers would hold back;
// a microtask is flushed by the `await act(...)` that already follows every step of a test.
notifyManager.setScheduler(queueMicrotask);

/** A cache like the app's, without retries (a test's failure is meant) and never collected mid-test. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 5_000, gcTime: Infinity }, mutations: { retry: false } },
  });
}

/** Renders inside a fresh query cache; rerender keeps the same cache. */
export function renderWithQuery(
  ui: ReactElement,
  client: QueryClient = testQueryClient(),
): ReturnType<typeof render> & { client: QueryClient } {
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return Object.assign(render(ui, { wrapper }), { client });
}
