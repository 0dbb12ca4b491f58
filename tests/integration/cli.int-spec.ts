import { spawn } from 'node:child_process';
import { adminFetch, TEST_ADMIN } from '../harness/auth';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as atelier from '@atelier/sdk';
import type { TExperimentPlan, TRunEvaluations, TRunList } from '@atelier/domain';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { REPO_ROOT, type Stack, startStack } from '../harness/stack';

// The built `atelier` binary as a process, as a script or a terminal runs it, against the real
// API and a worker: login, runs list/show, a search planned and launched from a YAML file and
// watched to its end, a model exported and asked to predict; and the one-line errors with the
// exit codes scripts rely on (2 for a bad spec, 3 for an API that does not answer).

const BIN = path.join(REPO_ROOT, 'packages/sdk/bin/atelier.js');

describe('the atelier CLI', () => {
  let stack: Stack;
  let home: string;
  let runId: string;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: home,
        // ATELIER_TOKEN stands in for a CI secret: it overrides the saved login's token, never its URL
        env: {
          PATH: process.env.PATH ?? '',
          ATELIER_CONFIG_DIR: path.join(home, 'config'),
          ATELIER_WATCH_INTERVAL_MS: '300',
          ATELIER_TOKEN: TEST_ADMIN.token,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });

  beforeAll(async () => {
    stack = await startStack({ worker: true });
    home = mkdtempSync(path.join(tmpdir(), 'atelier-cli-'));
    await tf.setBackend('cpu');
    // a run logged from code, with a model, for runs list/show, export and predict
    const run = await atelier.init({
      token: TEST_ADMIN.token,
      url: stack.apiUrl,
      experiment: 'cli: runs',
      name: 'logged',
      config: { dataset: 'fashion-mnist', lr: 0.01 },
      warn: () => undefined,
    });
    run.log({ val_accuracy: 0.5, loss: 1.2 }, { step: 1 });
    run.log({ val_accuracy: 0.75, loss: 0.8 }, { step: 2 });
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    await run.logModel(model);
    model.dispose();
    await run.finish();
    runId = run.id;
  });
  afterAll(async () => {
    // beforeAll may have failed before assigning them
    await (stack as Stack | undefined)?.stop();
    if ((home as string | undefined) !== undefined) rmSync(home, { recursive: true, force: true });
  });

  it('logs in, saving the URL for the next commands, readable by its owner only', async () => {
    const login = await cli(['login', stack.apiUrl, '--token', 't0ken']);
    expect(login).toMatchObject({ code: 0, stderr: '' });
    const file = path.join(home, 'config', 'login.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: stack.apiUrl, token: 't0ken' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('lists runs as a table and as JSON, and shows one', async () => {
    const list = await cli(['runs', 'list', '--experiment', 'cli: runs']);
    expect(list.code).toBe(0);
    const [header, row] = list.stdout.split('\n');
    expect(header).toMatch(/^ID\s+#\s+NAME\s+EXPERIMENT\s+STATUS\s+VAL_ACCURACY\s+LOSS\s+CREATED$/);
    expect(row).toMatch(new RegExp(`^${runId}\\s+1\\s+logged\\s+cli: runs\\s+completed\\s+0\\.75\\s+0\\.8\\s`));
    const json = await cli(['runs', 'list', '--experiment', 'cli: runs', '--json']);
    expect((JSON.parse(json.stdout) as TRunList).items.map((run) => run.id)).toEqual([runId]);
    const show = await cli(['runs', 'show', runId]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Run #1 logged · completed · experiment cli: runs');
    expect(show.stdout).toMatch(/val_accuracy\s+0\.75\s+0\.5\s+0\.75\s+2\s+2/);
  });

  it('plans and launches a search from YAML, watching it to the end', async () => {
    const spec = path.join(home, 'search.yaml');
    writeFileSync(
      spec,
      [
        'name: cli search',
        'dataset: fashion-mnist',
        'strategy: { kind: grid }',
        'space:',
        '  architecture: [mlp]',
        '  batchSize: [64]',
        '  epochs: [1]',
        '  activation: [relu]',
        '  optimizer: [adam, sgd]',
        '  learningRate: [0.01]',
        '  momentum: [0.9]',
        'validation: { kind: holdout, fraction: 0.2 }',
        'trainingSlice: 200',
        'seed: 5',
        'priority: 1',
      ].join('\n'),
    );
    const plan = await cli(['search', 'plan', spec, '--json']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout) as TExperimentPlan).toMatchObject({ trialCount: 2, folds: 1, trainingRuns: 2, totalEpochs: 2 });
    const launch = await cli(['search', 'launch', spec, '--watch']);
    expect({ code: launch.code, stderr: launch.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = launch.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Launched search cli search \([0-9a-f-]{36}\)$/);
    expect(lines.at(-2)).toMatch(/^\[#{24}\] 100% · completed · trials 2\/2 done, 0 running · best val acc 0\.\d+$/);
    expect(lines.at(-1)).toBe('search cli search completed');
  });

  it('exports a run’s model and classifies a PNG with it', async () => {
    const out = path.join(home, 'model.zip');
    const exported = await cli(['export', runId, '-o', out]);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const image = new PNG({ width: 28, height: 28, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    image.data = Buffer.alloc(28 * 28, 128);
    const png = path.join(home, 'gray.png');
    writeFileSync(png, PNG.sync.write(image, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
    const predicted = await cli(['predict', runId, png, '--top', '2']);
    expect(predicted.code).toBe(0);
    const [header, ...rows] = predicted.stdout.trim().split('\n');
    expect(header).toMatch(/^CLASS\s+PROBABILITY$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\S.*\s+0\.\d{4}$/);
  });

  it('registers a run’s model, moves an alias, and predicts and exports by name@alias and name/version', async () => {
    const registered = await cli(['models', 'register', 'cli-model', runId, '--description', 'from the CLI']);
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    expect(registered.stdout).toMatch(/^Registered model [0-9a-f-]{36} as cli-model v1 \(cli-model\/1\)\n$/);
    expect((await cli(['models', 'register', 'cli-model', runId])).stdout).toContain('as cli-model v2');
    expect(await cli(['models', 'alias', 'cli-model', 'production', '1'])).toMatchObject({
      code: 0,
      stdout: 'cli-model@production now points at v1\n',
    });
    expect((await cli(['models', 'alias', 'cli-model', 'production', 'v2'])).stdout).toBe('cli-model@production now points at v2\n');
    const history = await cli(['models', 'alias', 'cli-model', 'production']);
    const [header, ...moves] = history.stdout.trim().split('\n');
    expect(header).toMatch(/^AT\s+FROM\s+TO$/);
    expect(moves.map((line) => line.split(/\s{2,}/).slice(1))).toEqual([
      ['-', 'v1'],
      ['v1', 'v2'],
    ]);
    const list = await cli(['models', 'list']);
    expect(list.stdout.split('\n')[1]).toMatch(/^cli-model\s+2\s+v2\s+production=v2\s/);

    const image = new PNG({ width: 28, height: 28, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    image.data = Buffer.alloc(28 * 28, 128);
    const png = path.join(home, 'gray-registry.png');
    writeFileSync(png, PNG.sync.write(image, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
    const byAlias = await cli(['predict', 'cli-model@production', png, '--json']);
    const byRun = await cli(['predict', runId, png, '--json']);
    expect(byAlias.code).toBe(0);
    const aliasAnswer = JSON.parse(byAlias.stdout) as {
      version: number;
      alias: string;
      predictions: { className: string; probability: number }[];
    };
    expect(aliasAnswer).toMatchObject({ version: 2, alias: 'production' });
    // the same stored model answers by alias and by run
    expect(aliasAnswer.predictions).toEqual((JSON.parse(byRun.stdout) as { predictions: unknown[] }).predictions);
    const table = await cli(['predict', 'cli-model/1', png, '--top', '1']);
    expect(table.stdout.split('\n')[0]).toBe('cli-model v1');

    const out = path.join(home, 'registered.zip');
    expect(await cli(['export', 'cli-model@production', '-o', out])).toMatchObject({
      code: 0,
      stdout: `Saved model cli-model@production to ${out}\n`,
    });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    expect(await cli(['models', 'alias', 'cli-model', 'production', '--delete'])).toMatchObject({
      code: 0,
      stdout: 'Deleted cli-model@production\n',
    });
    const gone = await cli(['predict', 'cli-model@production', png]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/has no alias 'production'/);
    const bad = await cli(['predict', 'cli-model@', png]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: 'cli-model@' is not a model reference: .* Write name@alias/);
  });

  it('works in the project --project or ATELIER_PROJECT names: runs, searches and the registry', async () => {
    const created = await adminFetch(`${stack.apiUrl}/projects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'cli-team', name: 'CLI team' }),
    });
    expect(created.status).toBe(201);
    const teamRun = await atelier.init({
      token: TEST_ADMIN.token,
      url: stack.apiUrl,
      experiment: 'cli: team runs',
      config: { dataset: 'fashion-mnist', lr: 0.1 },
      warn: () => undefined,
      // ATELIER_PROJECT is read by the SDK as by the CLI; here the option stands in for it
      project: 'cli-team',
    });
    const model = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })],
    });
    await teamRun.logModel(model);
    model.dispose();
    await teamRun.finish();

    const teamRuns = JSON.parse((await cli(['runs', 'list', '--json'], { ATELIER_PROJECT: 'cli-team' })).stdout) as TRunList;
    expect(teamRuns.items.map((run) => run.experimentName)).toEqual(['cli: team runs']);
    const flagged = JSON.parse((await cli(['--project', 'cli-team', 'runs', 'list', '--json'])).stdout) as TRunList;
    expect(flagged.items.map((run) => run.id)).toEqual([teamRun.id]);

    // the same name in two projects is two registered models
    expect((await cli(['--project', 'cli-team', 'models', 'register', 'team-model', teamRun.id])).stdout).toMatch(
      /as team-model v1 \(team-model\/1\) in project cli-team\n$/,
    );
    expect((await cli(['models', 'register', 'team-model', runId])).stdout).toMatch(/as team-model v1 \(team-model\/1\)\n$/);
    expect((await cli(['models', 'register', 'team-model', teamRun.id], { ATELIER_PROJECT: 'cli-team' })).stdout).toContain(
      'as team-model v2',
    );
    const team = { ATELIER_PROJECT: 'cli-team' };
    expect((await cli(['models', 'alias', 'team-model', 'production', '2'], team)).stdout).toBe('team-model@production now points at v2\n');
    const teamModels = await cli(['models', 'list'], team);
    expect(teamModels.stdout.split('\n').slice(1, -1)).toEqual([expect.stringMatching(/^team-model\s+2\s+v2\s+production=v2\s/)]);
    // the default project's team-model has one version and no alias
    const defaultAlias = await cli(['models', 'alias', 'team-model', 'production']);
    expect(defaultAlias.code).toBe(1);
    expect(defaultAlias.stderr).toBe("error: 'team-model' has never had an alias 'production'.\n");
    const out = path.join(home, 'team.zip');
    expect(await cli(['export', 'team-model@production', '-o', out], team)).toMatchObject({ code: 0 });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

    const spec = path.join(home, 'team-search.yaml');
    writeFileSync(
      spec,
      [
        'name: cli team search',
        'dataset: fashion-mnist',
        'strategy: { kind: grid }',
        'space: { architecture: [mlp], batchSize: [64], epochs: [1], activation: [relu], optimizer: [adam], learningRate: [0.01], momentum: [0.9] }',
        'validation: { kind: holdout, fraction: 0.2 }',
        'trainingSlice: 100',
        'seed: 5',
      ].join('\n'),
    );
    const launched = await cli(['search', 'launch', spec, '--json'], team);
    expect(launched.code).toBe(0);
    const experiment = JSON.parse(launched.stdout) as { id: string; project: { slug: string } };
    expect(experiment.project.slug).toBe('cli-team');
    await adminFetch(`${stack.apiUrl}/experiments/${experiment.id}/cancel`, { method: 'POST' });
  });

  it('syncs a run logged offline, and a second sync sends nothing', async () => {
    const offlineDir = path.join(home, 'offline');
    const run = await atelier.init({
      token: TEST_ADMIN.token,
      mode: 'offline',
      offlineDir,
      experiment: 'cli: offline',
      name: 'on a plane',
      config: { dataset: 'fashion-mnist', lr: 0.1 },
      warn: () => undefined,
    });
    expect(run.url.startsWith(offlineDir)).toBe(true);
    for (let step = 0; step < 700; step++) run.log({ loss: 1 / (step + 1), acc: step / 700 }, { step });
    run.setTags({ where: 'plane' });
    await run.logArtifact({ path: 'notes/summary.txt', content: new Blob(['offline']) });
    // offline, nothing scores it yet: the API does at sync
    expect(await run.logConfusionMatrix([0, 1, 1, 1], [0, 1, 0, 1], ['up', 'down'])).toBeNull();
    await run.finish();

    const first = await cli(['sync', offlineDir]);
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/: \d+ records sent to http:\/\/127\.0\.0\.1:\d+\/runs\/[0-9a-f-]{36}\n$/);
    const second = await cli(['sync', offlineDir]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: already synced \(/);

    const list = (JSON.parse((await cli(['runs', 'list', '--experiment', 'cli: offline', '--json'])).stdout) as TRunList).items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'on a plane', status: 'completed', params: { lr: 0.1 }, tags: { where: 'plane' } });
    expect(list[0]!.metrics.loss).toMatchObject({ count: 700, lastStep: 699 });
    expect(list[0]!.metrics.acc?.count).toBe(700);
    // synced twice, stored once
    const evaluations = (await (await adminFetch(`${stack.apiUrl}/runs/${list[0]!.id}/evaluations`)).json()) as TRunEvaluations;
    expect(evaluations.items.map((e) => [e.split, e.classNames, e.confusionMatrix, e.accuracy])).toEqual([
      [
        'test',
        ['up', 'down'],
        [
          [1, 0],
          [1, 2],
        ],
        0.75,
      ],
    ]);
  });

  it('says in one line what is wrong, with the exit code scripts rely on', async () => {
    const spec = path.join(home, 'bad.yaml');
    writeFileSync(spec, 'name: bad\ndataset: fashion-mnist\nspace: { architecture: [mlp], batchSize: [-1] }\n');
    const bad = await cli(['search', 'plan', spec]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^error: ${spec.replace(/[.]/g, '\\.')} is not a valid search:\\n  space\\.batchSize\\.0: `));
    const missing = await cli(['search', 'plan', path.join(home, 'nope.yaml')]);
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({
      code: 2,
      stderr: `error: cannot read ${path.join(home, 'nope.yaml')}: no such file\n`,
    });
    const down = await cli(['runs', 'list', '--url', 'http://127.0.0.1:9']);
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/^error: no Atelier API at http:\/\/127\.0\.0\.1:9 \(.+\); check --url, ATELIER_URL or `atelier login`\n$/);
    const unknown = await cli(['runs', 'show', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: .*not found/i);
    const typo = await cli(['runs', 'lsit']);
    expect({ code: typo.code, stderr: typo.stderr }).toEqual({
      code: 2,
      stderr: "error: unknown command 'lsit'\n(Did you mean list?)\n(add --help for usage)\n",
    });
    expect(await cli(['--version'])).toEqual({
      code: 0,
      stdout: `${(JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/sdk/package.json'), 'utf8')) as { version: string }).version}\n`,
      stderr: '',
    });
    const usage = await cli(['export', runId]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '-o, --output <file>' not specified");
    expect(existsSync(path.join(home, 'model.zip.partial'))).toBe(false);
  });
});
