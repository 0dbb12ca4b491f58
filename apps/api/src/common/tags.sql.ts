import { Prisma } from '@atelier/db/client';
import type { TTagChanges } from '@atelier/domain';

/**
 * A tags column with a PATCH's changes merged in (@atelier/domain splitTagPatch): set tags
 * replace or join the stored ones, removed keys go. In SQL, so the row is written in one
 * statement under the lock its caller holds. Runs and experiments alike.
 */
export function mergedTags(column: string, changes: TTagChanges): Prisma.Sql {
  return Prisma.sql`((${Prisma.raw(column)} || ${JSON.stringify(changes.set)}::jsonb) - ${changes.remove}::text[])`;
}
