// GET /trash → deleted experiments and runs, newest first, each with Restore and Purge; purged for good after the retention period. Above them, the project's storage (GET /usage): what purging frees.
import type { TProjectUsage, TTrashList } from '@atelier/domain';
import type { Metadata } from 'next';
import { TrashView } from '@/components/lifecycle/trash-view';
import { UsagePanel } from '@/components/lifecycle/usage-panel';
import { ApiErrorCard } from '@/components/ui/api-error-card';
import { isApiError } from '@/lib/api-client';
import { serverApi } from '@/lib/server-api';

export const metadata: Metadata = { title: 'Trash' };

export default async function TrashPage() {
  let trash: TTrashList;
  let usage: TProjectUsage;
  try {
    const api = await serverApi();
    [trash, usage] = await Promise.all([api.listTrash(), api.getUsage()]);
  } catch (error) {
    if (!isApiError(error)) throw error;
    return <ApiErrorCard title="Cannot load the trash" error={error} retryHref="/trash" />;
  }
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Trash</h1>
          <p>Deleted experiments and runs: restore them as they were, or purge them for good.</p>
        </div>
      </div>
      <div className="stack">
        <TrashView trash={trash} />
        <UsagePanel usage={usage} />
      </div>
    </>
  );
}
