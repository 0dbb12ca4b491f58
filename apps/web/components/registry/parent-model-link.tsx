import type { TParentModel } from '@atelier/domain';
import Link from 'next/link';
import { projectPath } from '@/lib/project-scope';

/**
 * "fine-tuned from fashion v2": a link to the registered model when the fine-tune named a
 * version, else to the stored model's card (a model id names no registry page). `project` is the
 * slug of the fine-tune's project, where the API resolved the reference.
 */
export function ParentModelLink({ parent, project }: { parent: TParentModel; project: string }) {
  const slash = parent.reference?.lastIndexOf('/') ?? -1;
  if (parent.reference && slash > 0) {
    const name = parent.reference.slice(0, slash);
    return (
      <Link href={projectPath(`/models/${encodeURIComponent(name)}`, project)} title={`model ${parent.id}`} data-testid="parent-model">
        {name} v{parent.reference.slice(slash + 1)}
      </Link>
    );
  }
  return (
    <a href={`/api/models/${encodeURIComponent(parent.id)}/model-card.json`} className="mono" data-testid="parent-model">
      model {parent.id.slice(0, 8)}
    </a>
  );
}
