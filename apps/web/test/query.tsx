import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';

/** A cache like the app's, without retries (a test's failure is meant) and never collected mid-test. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000, gcTime: Infinity }, mutations: { retry: false } } });
}

/** Renders inside a fresh query cache; rerender keeps the same cache. */
export function renderWithQuery(ui: ReactElement, client: QueryClient = testQueryClient()): ReturnType<typeof render> & { client: QueryClient } {
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return Object.assign(render(ui, { wrapper }), { client });
}
