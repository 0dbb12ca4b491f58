import { EXPERIMENT_SEARCH_MAX_LENGTH, type TExperimentOverview, type TRunList } from '@atelier/domain';
import { isApiError, type ApiClient, type TTrackedExperiment } from './api-client';
import { runsQuery, type RunsTableState } from './runs-table';

/**
 * What /experiments/:id shows: a search's overview (its live page), or a tracked experiment
 * (runs logged from code) with the first page of its runs.
 */
export type ExperimentPageData =
  | { kind: 'search'; overview: TExperimentOverview }
  /** runs: null when they could not be read here; the table then asks again in the browser (and shows why). */
  | { kind: 'tracked'; experiment: TTrackedExperiment; runs: TRunList | null };

/** A search's overview refusing this experiment (409 for a tracked one), rather than the API failing. */
const refused = (error: unknown) =>
  isApiError(error) && (error.status === 404 || error.status === 400 || error.status === 409 || error.status === 422 || error.code === 'invalid_response');

const gone = (error: unknown) => isApiError(error) && (error.status === 404 || error.status === 400);

/**
 * A tracked experiment's summary. GET /experiments/:id serves searches only (409 for a tracked
 * one), so, unless it answers with a tracked experiment, the summary is the experiments list's
 * row: found by the name its runs carry, and checked by id.
 */
async function trackedExperiment(api: ApiClient, id: string): Promise<TTrackedExperiment | null> {
  try {
    return await api.getTrackedExperiment(id);
  } catch (error) {
    if (gone(error)) return null;
    if (!refused(error)) throw error;
  }
  let runs: TRunList;
  try {
    runs = await api.listRuns({ experiment: id, limit: 1 });
  } catch (error) {
    if (gone(error)) return null;
    throw error;
  }
  const name = runs.items[0]?.experimentName;
  if (!name) return null;
  const list = await api.listExperiments({ q: name.slice(0, EXPERIMENT_SEARCH_MAX_LENGTH), limit: 500 });
  const summary = list.items.find((item) => item.id === id);
  if (!summary || summary.kind !== 'tracked') return null;
  return { ...summary, kind: 'tracked', notes: '' };
}

export async function loadExperimentPage(api: ApiClient, id: string, runsState: RunsTableState): Promise<ExperimentPageData> {
  try {
    return { kind: 'search', overview: await api.getExperimentOverview(id) };
  } catch (error) {
    if (!refused(error)) throw error;
    const experiment = await trackedExperiment(api, id);
    // neither a search nor a tracked experiment: the overview's answer says why (404 for an unknown id)
    if (!experiment) throw error;
    const runs = await api.listRuns(runsQuery(runsState, { experiment: experiment.id })).catch((cause: unknown) => {
      // a filter's 400 shows in the table's filter box, an outage in the table: both from the browser
      if (isApiError(cause)) return null;
      throw cause;
    });
    return { kind: 'tracked', experiment, runs };
  }
}
