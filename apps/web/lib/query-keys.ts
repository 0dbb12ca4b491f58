/**
 * The query cache's keys, one family per API resource, so that an invalidation names what it
 * means (`queryKeys.runs.all` drops every runs list and run). Keys start with the resource and
 * narrow from there, as TanStack Query matches them by prefix.
 */
export const queryKeys = {
  experiments: {
    all: ['experiments'] as const,
  },
  runs: {
    all: ['runs'] as const,
  },
  datasets: {
    all: ['datasets'] as const,
  },
} as const;
