import type { TExperimentOverview, TRunList, TTrackedExperimentDetail } from '@atelier/domain';
import { isApiError, type ApiClient } from '@/lib/api-client';
import { runsQuery, type RunsTableState } from '@/components/runs/runs-table-state';

/**
 * What /experiments/:id shows: a search's overview (its live page), or a tracked experiment
 * (runs logged from code) with the first page of its runs.
 */
export type ExperimentPageData =
  | { kind: 'search'; overview: TExperimentOverview }
  /** runs: null when they could not be read here; the table then asks again in the browser (and shows why). */
  | { kind: 'tracked'; experiment: TTrackedExperimentDetail; runs: TRunList | null };

/** The overview's 409: the experiment is a tracked one, which has no search to overview. */
const notASearch = (error: unknown) => isApiError(error) && error.status === 409;

/**
 * A search's overview first, since that is the heavy page; on its 409, the experiment is
 * tracked, and GET /experiments/:id answers it in full.
 */
export async function loadExperimentPage(api: ApiClient, id: string, runsState: RunsTableState): Promise<ExperimentPageData> {
  let overview: TExperimentOverview;
  try {
    overview = await api.getExperimentOverview(id);
  } catch (error) {
    if (!notASearch(error)) throw error;
    const experiment = await api.getExperiment(id);
    // the overview refused a search: pass its answer on rather than show a search as runs
    if (experiment.kind !== 'tracked') throw error;
    const runs = await api.listRuns(runsQuery(runsState, { experiment: experiment.id })).catch((cause: unknown) => {
      // a filter's 400 shows in the table's filter box, an outage in the table: both from the browser
      if (isApiError(cause)) return null;
      throw cause;
    });
    return { kind: 'tracked', experiment, runs };
  }
  return { kind: 'search', overview };
}
