import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@atelier/db/client';

/**
 * A run logged from code, written straight to the database: a tracked experiment and one run.
 * (Until POST /runs exists on this branch; the rows are what it creates.)
 */
export async function seedTrackedRun(
  prisma: PrismaClient,
  options: { experiment?: string; name?: string | null; status?: string; params?: Record<string, string | number | boolean> } = {},
): Promise<{ experimentId: string; runId: string }> {
  const project = await prisma.project.findFirstOrThrow({ where: { slug: 'default' } });
  const experimentName = options.experiment ?? `tracked ${randomUUID().slice(0, 8)}`;
  const experiment =
    (await prisma.experiment.findFirst({ where: { projectId: project.id, name: experimentName, kind: 'tracked' } })) ??
    (await prisma.experiment.create({ data: { projectId: project.id, kind: 'tracked', name: experimentName, status: 'running' } }));
  const number = (await prisma.run.count({ where: { experimentId: experiment.id } })) + 1;
  const run = await prisma.run.create({
    data: {
      experimentId: experiment.id,
      number,
      name: options.name === undefined ? `run-${number}` : options.name,
      status: options.status ?? 'running',
      params: options.params ?? {},
      startedAt: new Date(),
      lastSeenAt: new Date(),
    },
  });
  return { experimentId: experiment.id, runId: run.id };
}

/** Every file under `dir`, relative to it ('/'-separated), sorted; [] when it does not exist. */
export async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
