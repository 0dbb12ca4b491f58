import type { Prisma } from '@atelier/db/client';

/**
 * Holds the project's experiment name `name` until the transaction ends: POST /runs finds a
 * tracked experiment by its name (and creates it when the name is new), and a rename gives an
 * experiment a name, so both take this lock first and at most one tracked experiment of the
 * project ever holds a name. A transaction-scoped advisory lock: nothing to release.
 */
export async function lockExperimentName(tx: Prisma.TransactionClient, projectId: string, name: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`atelier:experiment-name:${projectId}:${name}`}, 0))`;
}
