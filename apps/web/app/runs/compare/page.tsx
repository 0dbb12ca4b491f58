// GET /runs/compare?ids=a,b,c[&keys=loss,val_accuracy] → any runs side by side: chosen metric curves overlaid, parameter diff, confusion matrices of the trials among them and those the logged runs logged.
import type { TComparedTrial, TEvaluation } from '@atelier/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { RunsCompareView } from '@/components/runs/runs-compare-view';
import { StatePanel } from '@/components/ui/state-panel';
import { isApiError } from '@/lib/api-client';
import { parseMetricKeys, parseRunIds } from '@/components/runs/run-compare';
import { serverApi } from '@/lib/server-api';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export const metadata: Metadata = { title: 'Compare runs' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CompareRunsPage({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const ids = parseRunIds(query['ids']);
  const header = (
    <div className="page-header">
      <div>
        <div className="breadcrumb">
          <Link href="/experiments">Experiments</Link> / Compare runs
        </div>
        <h1>Compare runs</h1>
        <p>
          Runs from any experiments, searched or logged from code. Tick runs in any runs or trials table; they collect in the tray at the
          bottom of the page.
        </p>
      </div>
    </div>
  );
  if (ids.length === 0) {
    return (
      <>
        {header}
        <div className={cardStyles.card}>
          <StatePanel
            title="No runs to compare"
            action={
              <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/experiments">
                Go to experiments
              </Link>
            }
          >
            Open an experiment, tick the runs you want to compare, then press Compare in the tray.
          </StatePanel>
        </div>
      </>
    );
  }
  const api = await serverApi();
  let runs;
  let trials: TComparedTrial[];
  let loggedEvaluations: Record<string, TEvaluation[]>;
  try {
    runs = await Promise.all(ids.map((id) => api.getRun(id)));
    // the evaluations of the trials among them; without them the rest of the comparison stands
    const searchIds = runs.filter((run) => run.source === 'search').map((run) => run.id);
    // and the confusion matrices the runs logged from code logged, side by side with them
    [trials, loggedEvaluations] = await Promise.all([
      searchIds.length
        ? api.compareTrials(searchIds).then(
            (c) => c.trials,
            () => [],
          )
        : Promise.resolve([]),
      Promise.all(
        runs
          .filter((run) => run.source === 'tracked')
          .map((run) =>
            api.getRunEvaluations(run.id).then(
              (e): [string, TEvaluation[]] => [run.id, e.items],
              (): [string, TEvaluation[]] => [run.id, []],
            ),
          ),
      ).then((pairs) => Object.fromEntries(pairs)),
    ]);
  } catch (error) {
    if (!isApiError(error)) throw error;
    const missing = error.status === 404 || error.status === 400;
    return (
      <>
        {header}
        <div className={cardStyles.card}>
          <StatePanel
            tone="error"
            title={missing ? 'A run was not found' : 'Cannot load the comparison'}
            detail={error.message}
            action={
              <Link className={buttonStyles.button} href="/experiments">
                All experiments
              </Link>
            }
          >
            {missing ? 'Check the run ids in the address.' : 'The Atelier API did not answer as expected.'}
          </StatePanel>
        </div>
      </>
    );
  }
  return (
    <>
      {header}
      <RunsCompareView runs={runs} trials={trials} loggedEvaluations={loggedEvaluations} initialKeys={parseMetricKeys(query['keys'])} />
    </>
  );
}
