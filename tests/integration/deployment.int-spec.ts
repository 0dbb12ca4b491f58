import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, REPO_ROOT } from '../harness/stack';

// The images cannot be built here (no container engine, no registry). What the Dockerfile puts
// in them can: scripts/check-deployment.sh makes each app's production tree with the script the
// Dockerfile runs, holds the api and worker trees to their size budget, and runs a search from
// them, outside the workspace, on the Node of this test run.

const run = promisify(execFile);

describe('production trees (what the images hold)', () => {
  it('fit the size budget and run a search from their own directories', async () => {
    const { stdout } = await run('bash', [path.join(REPO_ROOT, 'scripts/check-deployment.sh')], {
      env: { ...process.env, CHECK_API_PORT: String(await freePort()), CHECK_METRICS_PORT: String(await freePort()) },
      maxBuffer: 10 * 1024 * 1024,
    }).catch((error: unknown) => {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`check-deployment failed:\n${failed.stdout ?? ''}\n${failed.stderr ?? failed.message}`);
    });
    const sizes = Object.fromEntries(
      [...stdout.matchAll(/check-deployment: (\w+): (\d+) MB/g)].map((m) => [m[1] ?? '', Number(m[2])] as const),
    );
    console.log(stdout.trim());
    expect(sizes.api).toBeLessThanOrEqual(200);
    expect(sizes.worker).toBeLessThanOrEqual(200);
    expect(sizes.web).toBeGreaterThan(0);
    expect(stdout).toContain(`ran a 2-fold search and its refit on ${process.version}`);
  });
});
