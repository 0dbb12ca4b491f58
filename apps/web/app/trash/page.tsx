// GET /trash?project → deleted experiments and runs (of the switcher's project, or of every project), newest first, each with Restore and Purge; purged for good after the retention period. Above them, the project's storage (GET /usage): what purging frees.
import type { TProjectUsage, TTrashList } from '@atelier/domain';
import type { Metadata } from 'next';
import { TrashView } from '@/components/lifecycle/trash-view';
import { UsagePanel } from '@/components/lifecycle/usage-panel';
import { ApiErrorCard } from '@/components/ui/api-error-card';
import { isApiError } from '@/lib/api-client';
import { inProject, projectOfSearchParams, projectPath } from '@/lib/project-scope';
import { serverApi } from '@/lib/server-api';

export const metadata: Metadata = { title: 'Trash' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TrashPage({ searchParams }: { searchParams: SearchParams }) {
  const project = projectOfSearchParams(await searchParams);
  const query = inProject({}, project);
  let trash: TTrashList;
  let usage: TProjectUsage;
  try {
    const api = await serverApi();
    [trash, usage] = await Promise.all([api.listTrash(query), api.getUsage(query)]);
  } catch (error) {
    if (!isApiError(error)) throw error;
    return <ApiErrorCard title="Cannot load the trash" error={error} retryHref={projectPath('/trash', project)} />;
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
