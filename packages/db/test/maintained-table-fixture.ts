import type { PrismaClient } from '../src/client';

// What the tests of trigger-kept tables (experiment_trial_summary, experiment_rung_summary) share:
// a replayable random sequence, two searches to spread it over, and the check after each step.

/** mulberry32 (a seeded generator, so a failing sequence can be replayed) and a pick over it. */
export function seededRandom(seed: number): { next: () => number; pick: <T>(items: readonly T[]) => T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)]! };
}

/** A project, an architecture and two running searches 'a' and 'b' in it. */
export async function twoRunningSearches(
  prisma: PrismaClient,
  slug: string,
  search: { strategy: object; validation: object },
): Promise<{ projectId: string; architectureId: string; experiments: string[] }> {
  const project = await prisma.project.create({ data: { slug, name: slug } });
  const architecture = await prisma.architecture.create({ data: { key: `${slug}-arch`, name: 'A', spec: {} } });
  const experiments: string[] = [];
  for (const name of ['a', 'b']) {
    const e = await prisma.experiment.create({
      data: {
        projectId: project.id,
        name,
        status: 'running',
        strategy: search.strategy,
        space: {},
        validation: search.validation,
        seed: 1,
      },
    });
    experiments.push(e.id);
  }
  return { projectId: project.id, architectureId: architecture.id, experiments };
}

/** The kept rows equal the recount; when not, the last steps taken name what broke the table. */
export function expectKeptAsRecounted<T>({ kept, recounted }: { kept: T[]; recounted: T[] }, done: readonly string[]): void {
  if (JSON.stringify(kept) !== JSON.stringify(recounted))
    expect({ steps: done.slice(-5), kept }).toEqual({ steps: done.slice(-5), kept: recounted });
}
