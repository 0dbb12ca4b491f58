import type { TExperimentOverview, TRunList } from '@atelier/domain';
import { isApiError, type ApiClient, type TTrackedExperiment } from './api-client';
import { runsQuery, type RunsTableState } from './runs-table';

/**
 * What /experiments/:id shows: a search's overview (its live page), or a tracked experiment
 * (runs logged from code) with the first page of its runs. The overview route serves searches
 * only, so a tracked experiment is recognised by its answer there, and read as a tracked one.
 */
export type ExperimentPageData =
  | { kind: 'search'; overview: TExperimentOverview }
  /** runs: null when they could not be read here; the table then asks again in the browser (and shows why). */
  | { kind: 'tracked'; experiment: TTrackedExperiment; runs: TRunList | null };

/** A search's overview refusing this experiment, rather than the API failing. */
const notASearch = (error: unknown) =>
  isApiError(error) && (error.status === 404 || error.status === 400 || error.status === 409 || error.status === 422 || error.code === 'invalid_response');

export async function loadExperimentPage(api: ApiClient, id: string, runsState: RunsTableState): Promise<ExperimentPageData> {
  try {
    return { kind: 'search', overview: await api.getExperimentOverview(id) };
  } catch (error) {
    if (!notASearch(error)) throw error;
    let experiment: TTrackedExperiment;
    try {
      experiment = await api.getTrackedExperiment(id);
    } catch (tracked) {
      // neither a search nor a tracked experiment: the overview's answer says why (404 for an unknown id)
      if (isApiError(tracked) && tracked.code === 'invalid_response') throw error;
      throw isApiError(tracked) && (tracked.status === 404 || tracked.status === 400) ? error : tracked;
    }
    const runs = await api.listRuns(runsQuery(runsState, { experiment: experiment.id })).catch((cause: unknown) => {
      // a filter's 400 shows in the table's filter box, an outage in the table: both from the browser
      if (isApiError(cause)) return null;
      throw cause;
    });
    return { kind: 'tracked', experiment, runs };
  }
}
