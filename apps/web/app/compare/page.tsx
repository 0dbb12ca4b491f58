// GET /compare?trials=a,b,c → curves, per-fold loss, hyperparameters, confusion matrices and per-class scores side by side.
import type { Metadata } from 'next';
import Link from 'next/link';
import { CompareView } from '@/components/compare/compare-view';
import { StatePanel } from '@/components/ui/state-panel';
import { isApiError } from '@/lib/api-client';
import { parseTrialIds } from '@/lib/compare';
import { serverApi } from '@/lib/server-api';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export const metadata: Metadata = { title: 'Compare trials' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ComparePage({ searchParams }: { searchParams: SearchParams }) {
  const ids = parseTrialIds((await searchParams)['trials']);
  const header = (
    <div className="page-header">
      <div>
        <div className="breadcrumb">
          <Link href="/experiments">Experiments</Link> / Compare
        </div>
        <h1>Compare trials</h1>
        <p>Pick trials with the checkboxes of any experiment&apos;s trials table; they collect in the tray at the bottom of the page.</p>
      </div>
    </div>
  );
  if (ids.length === 0) {
    return (
      <>
        {header}
        <div className={cardStyles.card}>
          <StatePanel
            title="No trials to compare"
            action={
              <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/experiments">
                Go to experiments
              </Link>
            }
          >
            Open an experiment and tick the trials you want to compare, then press Compare in the tray.
          </StatePanel>
        </div>
      </>
    );
  }
  let comparison;
  try {
    comparison = await (await serverApi()).compareTrials(ids);
  } catch (error) {
    if (!isApiError(error)) throw error;
    return (
      <>
        {header}
        <div className={cardStyles.card}>
          <StatePanel
            tone="error"
            title={error.status === 404 ? 'A trial was not found' : 'Cannot load the comparison'}
            detail={error.message}
            action={
              <Link className={buttonStyles.button} href="/experiments">
                All experiments
              </Link>
            }
          >
            {error.status === 404 || error.status === 400
              ? 'Check the trial ids in the address.'
              : 'The Atelier API did not answer as expected.'}
          </StatePanel>
        </div>
      </>
    );
  }
  return (
    <>
      {header}
      <CompareView comparison={comparison} />
    </>
  );
}
