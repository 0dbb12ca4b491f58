import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError, type AtelierClient, createAtelierClient } from '@atelier/client';
import {
  isTerminalExperiment,
  isTerminalTrial,
  parseModelReference,
  type TExperimentDetail,
  type TModelReference,
  type TRunSummary,
  ZCreateExperimentRequest,
  type TCreateExperimentRequest,
} from '@atelier/domain';
import { Command, CommanderError, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { AtelierError } from '../errors.js';
import { apiErrorText, type FetchLike, locateApi } from '../http-transport.js';
import { DEFAULT_URL } from '../init.js';
import { offlineRunFolders, syncOfflineRun } from '../node/offline.js';
import { connectionDefaults, loginFile, removeLogin, saveLogin } from '../node/saved-login.js';
import { bar, duration, metric, table, when } from './format.js';

/**
 * Exit codes a script can rely on: 0 done; 1 the API refused or the work failed (a 4xx, a
 * search that failed or was cancelled); 2 the command line or a spec file is wrong; 3 the API
 * cannot be reached (or answered 503: PostgreSQL or Redis is down).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;

/** What the CLI touches of the world, so tests run it in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Progress bars redraw one line on a terminal and print a line per change otherwise. */
  isTTY: boolean;
  fetch?: FetchLike;
}

/** A failure with the one line the user sees and the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

interface GlobalOptions {
  url?: string;
  token?: string;
  project?: string;
}

interface Connection {
  client: AtelierClient;
  apiUrl: string;
  /** The web app's URL, when the API was reached through it. */
  webUrl: string | undefined;
  /** --project, else ATELIER_PROJECT: what the commands list and create in (none: the API's default, the token's project). */
  project: string | undefined;
  /** `{ project }` for the client's calls by name, `{}` without one. */
  scope: { project?: string };
}

/** The API at `url` (or the web app's /api); nothing answering is exit 3, with `hint` after the reason. */
async function locate(io: CliIo, url: string, hint: string): Promise<Awaited<ReturnType<typeof locateApi>>> {
  try {
    return await locateApi(url, io.fetch);
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}${hint}`, EXIT.unreachable);
  }
}

async function connect(io: CliIo, options: GlobalOptions): Promise<Connection> {
  const defaults = connectionDefaults(options.url, io.env);
  const url = defaults.url ?? DEFAULT_URL;
  const token = options.token ?? defaults.token;
  const project = options.project ?? defaults.project;
  const located = await locate(io, url, '; check --url, ATELIER_URL or `atelier login`');
  const fetchImpl = io.fetch;
  const client = createAtelierClient({
    baseUrl: located.apiUrl,
    token,
    ...(fetchImpl ? { fetch: (request: Request) => fetchImpl(request) } : {}),
  });
  return { client, ...located, project, scope: project === undefined ? {} : { project } };
}

/** The API's refusal as the CLI's one line and exit code. */
function fromApiError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ApiError) return new CliError(apiErrorText(error), error.isUnavailable ? EXIT.unreachable : EXIT.failed);
  if (error instanceof AtelierError) return new CliError(error.message, error.kind === 'refused' ? EXIT.failed : EXIT.unreachable);
  return new CliError(error instanceof Error ? error.message : String(error), EXIT.failed);
}

const print = (io: CliIo, value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

/** The metrics worth a column in a list: the usual ones first, those the runs have. */
function metricColumns(runs: readonly TRunSummary[]): string[] {
  const present = new Set(runs.flatMap((run) => Object.keys(run.metrics)));
  const preferred = ['val_accuracy', 'val_loss', 'accuracy', 'loss'].filter((key) => present.has(key));
  const others = [...present].filter((key) => !preferred.includes(key)).sort();
  return [...preferred, ...others].slice(0, 3);
}

/** A search spec (YAML or JSON: YAML reads both), checked with the API's own schema before it is sent. */
export async function readSpec(file: string): Promise<TCreateExperimentRequest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      EXIT.usage,
    );
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new CliError(`${file} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`, EXIT.usage);
  }
  const parsed = ZCreateExperimentRequest.safeParse(document);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(the spec)'}: ${issue.message}`).join('\n');
    throw new CliError(`${file} is not a valid search:\n${issues}`, EXIT.usage);
  }
  return document as TCreateExperimentRequest;
}

/**
 * The id of the model an experiment (its refit), a trial (its newest model), a run (its model artifact) or a model id names,
 * with the experiment's project when `id` is an experiment.
 */
async function resolveModel(client: AtelierClient, id: string): Promise<{ modelId: string; project?: string }> {
  const notFound = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);
  try {
    const experiment = await client.getExperiment(id);
    if (experiment.kind === 'tracked')
      throw new CliError(`experiment ${experiment.name} is tracked (runs logged from code): export one of its runs instead`, EXIT.failed);
    const model = experiment.refit?.model;
    if (!model)
      throw new CliError(
        `experiment ${experiment.name} has no refit model yet: refit its best trial first (POST /experiments/${id}/refit)`,
        EXIT.failed,
      );
    return { modelId: model.id, project: experiment.project.slug };
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  try {
    const artifacts = await client.listRunArtifacts(id);
    const model = artifacts.find((artifact) => artifact.kind === 'model');
    if (model) return { modelId: model.id };
    const trialModels = await client.listTrialModels(id).catch(() => null);
    const newest = trialModels?.items[0];
    if (newest) return { modelId: newest.id };
    throw new CliError(`run ${id} has no model: log one with run.logModel(model), or refit the trial`, EXIT.failed);
  } catch (error) {
    if (!notFound(error)) throw error;
  }
  return { modelId: id };
}

/** The spec's own `project` wins over --project / ATELIER_PROJECT. */
const inProject = (spec: TCreateExperimentRequest, project: string | undefined): TCreateExperimentRequest =>
  spec.project !== undefined || project === undefined ? spec : { ...spec, project };

/** `name@alias` or `name/version` (a model id, run or experiment is a UUID: neither '@' nor '/'); null for anything else. */
function modelReference(text: string): TModelReference | null {
  if (!text.includes('@') && !text.includes('/')) return null;
  try {
    return parseModelReference(text);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
}

const referenceText = (reference: TModelReference) =>
  reference.alias !== undefined ? `${reference.name}@${reference.alias}` : `${reference.name}/${reference.version}`;

/** From the search's summaries (its detail carries only its first trials): trials settled, running, the best so far. */
function progressLine(experiment: TExperimentDetail): string {
  const counts = Object.entries(experiment.trialCounts);
  const total = Math.max(
    experiment.trialCount,
    counts.reduce((sum, [, n]) => sum + n, 0),
  );
  const done = counts.reduce((sum, [status, n]) => sum + (isTerminalTrial(status) ? n : 0), 0);
  const running = experiment.trialCounts.running;
  const progress = total === 0 ? 0 : done / total;
  const bestText = experiment.bestTrial ? ` · best val acc ${metric(experiment.bestTrial.meanValAccuracy)}` : '';
  return `${bar(progress)} ${Math.round(progress * 100)}% · ${experiment.status} · trials ${done}/${total} done, ${running} running${bestText}`;
}

async function watch(io: CliIo, client: AtelierClient, id: string): Promise<number> {
  const intervalMs = Number(io.env.ATELIER_WATCH_INTERVAL_MS ?? 2000);
  let last = '';
  for (;;) {
    const experiment = await client.getExperiment(id);
    if (experiment.kind !== 'search') throw new CliError(`experiment ${id} is not a search`, EXIT.failed);
    const line = progressLine(experiment);
    if (line !== last) {
      io.stdout(io.isTTY ? `\r\u001b[2K${line}` : `${line}\n`);
      last = line;
    }
    if (isTerminalExperiment(experiment.status)) {
      if (io.isTTY) io.stdout('\n');
      io.stdout(`search ${experiment.name} ${experiment.status}\n`);
      return experiment.status === 'completed' ? EXIT.ok : EXIT.failed;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function program(io: CliIo, done: (code: number) => void, version: string | undefined): Command {
  const cli = new Command('atelier')
    .description('Atelier from the terminal: log in, list runs, plan and launch searches, export and try models')
    .addOption(new Option('--url <url>', 'the API or the web app (default: ATELIER_URL, the saved login, http://localhost:3001)'))
    .addOption(new Option('--token <token>', 'API token (default: ATELIER_TOKEN, the saved login)'))
    .addOption(
      new Option(
        '--project <slug>',
        "the project to list and create in (default: ATELIER_PROJECT, else the token's project; runs list: every project)",
      ),
    )
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError('(add --help for usage)');
  if (version !== undefined) cli.version(version, '-V, --version', 'print the version of atelier');
  const globals = () => cli.opts<GlobalOptions>();

  cli
    .command('login <url>')
    .description('check that Atelier answers at <url> and save it (and the token) for the SDK and the CLI')
    .option('--token <token>', 'API token to save with it')
    .action(async (url: string, options: { token?: string }) => {
      const located = await locate(io, url, '');
      const token = options.token ?? globals().token;
      const file = loginFile(io.env);
      saveLogin({ url, ...(token ? { token } : {}) }, file);
      io.stdout(`Logged in to ${url}${located.apiUrl === url ? '' : ` (API at ${located.apiUrl})`}; saved in ${file}\n`);
      done(EXIT.ok);
    });

  cli
    .command('logout')
    .description('forget the saved login')
    .action(() => {
      removeLogin(loginFile(io.env));
      io.stdout('Logged out\n');
      done(EXIT.ok);
    });

  const runs = cli.command('runs').description('runs logged from code and the trials of searches');
  runs
    .command('list')
    .description('list runs, newest first, or filtered and sorted by the API')
    .option('--experiment <name-or-id>', 'only the runs of this experiment')
    .option('--filter <expr>', 'e.g. "params.optimizer = \'adam\' and metrics.val_accuracy > 0.9"')
    .option('--sort <field>', 'e.g. "metrics.val_accuracy desc"')
    .option('--limit <n>', 'runs per page (1-1000)', '50')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { experiment?: string; filter?: string; sort?: string; limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new CliError(`--limit must be a whole number from 1 to 1000, not ${options.limit}`, EXIT.usage);
      const { client, project } = await connect(io, globals());
      const list = await client.listRuns({ project, experiment: options.experiment, filter: options.filter, sort: options.sort, limit });
      if (options.json) {
        print(io, list);
        return;
      }
      const keys = metricColumns(list.items);
      const rows = list.items.map((run) => [
        run.id,
        String(run.number),
        run.name ?? '-',
        run.experimentName,
        run.status,
        ...keys.map((key) => metric(run.metrics[key]?.last)),
        when(run.createdAt),
      ]);
      io.stdout(`${table(['ID', '#', 'NAME', 'EXPERIMENT', 'STATUS', ...keys.map((key) => key.toUpperCase()), 'CREATED'], rows)}\n`);
      io.stdout(
        `${list.items.length} of ${list.total}${list.totalIsLowerBound ? '+' : ''} runs${list.nextCursor ? ' (raise --limit for more)' : ''}\n`,
      );
    });
  runs
    .command('show <id>')
    .description("a run's parameters, tags, metrics and artifacts")
    .option('--json', 'print the API answer as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const { client } = await connect(io, globals());
      const run = await client.getRun(id);
      if (options.json) {
        print(io, run);
        return;
      }
      const lines = [
        `Run #${run.number}${run.name ? ` ${run.name}` : ''} · ${run.status} · experiment ${run.experimentName}`,
        `created ${when(run.createdAt)}, finished ${when(run.finishedAt)}`,
      ];
      if (run.error) lines.push('', `error: ${run.error.split('\n')[0] ?? ''}`);
      const params = Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b));
      if (params.length > 0)
        lines.push(
          '',
          table(
            ['PARAMETER', 'VALUE'],
            params.map(([key, value]) => [key, String(value).split('\n')[0] ?? '']),
          ),
        );
      const tags = Object.entries(run.tags);
      if (tags.length > 0) lines.push('', table(['TAG', 'VALUE'], tags));
      const metrics = Object.entries(run.metrics).sort(([a], [b]) => a.localeCompare(b));
      if (metrics.length > 0)
        lines.push(
          '',
          table(
            ['METRIC', 'LAST', 'MIN', 'MAX', 'STEP', 'POINTS'],
            metrics.map(([key, m]) => [key, metric(m.last), metric(m.min), metric(m.max), String(m.lastStep), String(m.count)]),
          ),
        );
      if (run.artifacts.length > 0)
        lines.push(
          '',
          table(
            ['ARTIFACT', 'KIND', 'BYTES', 'ID'],
            run.artifacts.map((a) => [a.name ?? '-', a.kind, String(a.sizeBytes), a.id]),
          ),
        );
      io.stdout(`${lines.join('\n')}\n`);
    });

  const search = cli.command('search').description('searches defined as code: a YAML or JSON file holding what POST /experiments takes');
  search
    .command('plan <spec>')
    .description('what the search would train (trials, folds, epochs, rungs) and how long it should take, without launching it')
    .option('--json', 'print the API answer as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const spec = await readSpec(file);
      const { client, project } = await connect(io, globals());
      const plan = await client.planExperiment(inProject(spec, project));
      if (options.json) {
        print(io, plan);
        return;
      }
      const lines = [
        `${plan.trialCount} trials × ${plan.folds} fold${plan.folds === 1 ? '' : 's'} = ${plan.trainingRuns} trainings, ${plan.totalEpochs} epochs (at most ${plan.maxTotalEpochs})`,
        `estimated ${duration(plan.estimate.seconds)} on ${plan.estimate.parallel} training slot${plan.estimate.parallel === 1 ? '' : 's'}`,
      ];
      if (plan.rungs)
        lines.push(
          table(
            ['RUNG EPOCHS', 'TRIALS AT MOST'],
            plan.rungs.map((rung) => [String(rung.epochs), String(rung.trials)]),
          ),
        );
      io.stdout(`${lines.join('\n')}\n`);
    });
  search
    .command('launch <spec>')
    .description('launch the search; --watch follows it to the end with a progress bar')
    .option('--watch', 'follow the search until it ends (exit 0 when it completes, 1 otherwise)')
    .option('--json', 'print the created experiment as JSON')
    .action(async (file: string, options: { watch?: boolean; json?: boolean }) => {
      const spec = await readSpec(file);
      const { client, webUrl, project } = await connect(io, globals());
      const experiment = await client.createExperiment(inProject(spec, project));
      if (options.json) print(io, experiment);
      else io.stdout(`Launched search ${experiment.name} (${experiment.id})${webUrl ? `: ${webUrl}/experiments/${experiment.id}` : ''}\n`);
      if (options.watch) done(await watch(io, client, experiment.id));
    });

  cli
    .command('export <id>')
    .description(
      'download a model as its export zip: <id> is an experiment (its refit), a run or trial, a model, or a registered name@alias or name/version',
    )
    .requiredOption('-o, --output <file>', 'where to write the zip')
    .action(async (id: string, options: { output: string }) => {
      const reference = modelReference(id);
      const { client, scope } = await connect(io, globals());
      const modelId = reference ? referenceText(reference) : (await resolveModel(client, id)).modelId;
      const response = await client.download(
        reference ? client.downloadUrls.registeredModel(reference, scope) : client.downloadUrls.model(modelId),
      );
      if (!response.body) throw new CliError(`the API sent no bytes for model ${modelId}`, EXIT.failed);
      // written beside the target and renamed at the end: an interrupted download leaves no half file
      const partial = `${options.output}.partial-${process.pid}`;
      try {
        await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(partial));
        await rename(partial, options.output);
      } catch (error) {
        await rm(partial, { force: true });
        throw new CliError(`cannot write ${options.output}: ${(error as Error).message}`, EXIT.failed);
      }
      io.stdout(`Saved model ${modelId} to ${options.output}\n`);
    });

  cli
    .command('predict <model> <image>')
    .description('classify one PNG image with a model (<model> as for export: e.g. fashion@production)')
    .option('--top <n>', 'classes to print', '3')
    .option('--json', 'print every class probability as JSON')
    .action(async (id: string, image: string, options: { top: string; json?: boolean }) => {
      const top = Number(options.top);
      if (!Number.isInteger(top) || top < 1) throw new CliError(`--top must be a whole number from 1, not ${options.top}`, EXIT.usage);
      let bytes: Buffer;
      try {
        bytes = await readFile(image);
      } catch (error) {
        throw new CliError(
          `cannot read ${image}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
          EXIT.usage,
        );
      }
      const reference = modelReference(id);
      const { client, scope } = await connect(io, globals());
      const png = { png: new Blob([new Uint8Array(bytes)], { type: 'image/png' }) };
      const registered = reference ? await client.predictByReference(reference, png, scope) : null;
      const prediction = registered ?? (await client.predict((await resolveModel(client, id)).modelId, png));
      if (options.json) {
        print(io, prediction);
        return;
      }
      if (registered)
        io.stdout(`${registered.name} v${registered.version}${registered.alias ? ` (${registered.name}@${registered.alias})` : ''}\n`);
      io.stdout(
        `${table(
          ['CLASS', 'PROBABILITY'],
          prediction.predictions.slice(0, top).map((p) => [p.className, p.probability.toFixed(4)]),
        )}\n`,
      );
    });

  const models = cli.command('models').description('the model registry: registered names, numbered versions, aliases such as production');
  models
    .command('list')
    .description('registered models with their latest version and aliases')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }) => {
      const { client, project } = await connect(io, globals());
      const list = await client.listRegisteredModels(project === undefined ? {} : { project });
      if (options.json) {
        print(io, list);
        return;
      }
      const rows = list.items.map((m) => [
        m.name,
        String(m.versionCount),
        m.latestVersion === null ? '-' : `v${m.latestVersion}`,
        m.aliases.map((a) => `${a.alias}=v${a.version}`).join(', ') || '-',
        when(m.createdAt),
      ]);
      io.stdout(`${table(['NAME', 'VERSIONS', 'LATEST', 'ALIASES', 'CREATED'], rows)}\n`);
    });
  models
    .command('register <name> <source>')
    .description(
      'register a model as the next version of <name> (created if new): <source> as for export (an experiment, a run or trial, a model id)',
    )
    .option('--description <text>', 'the description of <name> when it is created')
    .option('--json', 'print the new version as JSON')
    .action(async (name: string, source: string, options: { description?: string; json?: boolean }) => {
      const connection = await connect(io, globals());
      const { client } = connection;
      const resolved = await resolveModel(client, source);
      // an experiment's model goes to the experiment's project unless --project says otherwise, as in the web app
      const project = connection.project ?? resolved.project;
      const scope = project === undefined ? {} : { project };
      const existing = await client.getRegisteredModel(name, scope).catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      });
      if (!existing) await client.createRegisteredModel({ ...scope, name, description: options.description });
      const version = await client.registerModelVersion(name, { modelId: resolved.modelId }, scope);
      if (options.json) {
        print(io, version);
        return;
      }
      const where = project === undefined ? '' : ` in project ${project}`;
      io.stdout(`Registered model ${resolved.modelId} as ${name} v${version.version} (${name}/${version.version})${where}\n`);
    });
  models
    .command('alias <name> <alias> [version]')
    .description("point <alias> at <version> of <name> (creating or moving it); without <version>, print the alias's history")
    .option('--delete', 'remove the alias (its history stays)')
    .option('--json', 'print the API answer as JSON')
    .action(async (name: string, alias: string, version: string | undefined, options: { delete?: boolean; json?: boolean }) => {
      if (options.delete && version !== undefined)
        throw new CliError('give either a version to point the alias at, or --delete, not both', EXIT.usage);
      const number = version === undefined ? undefined : Number(version.replace(/^v/, ''));
      if (number !== undefined && (!Number.isInteger(number) || number < 1))
        throw new CliError(`the version must be a whole number from 1 (e.g. 3 or v3), not ${version ?? ''}`, EXIT.usage);
      const { client, scope } = await connect(io, globals());
      if (options.delete) {
        await client.deleteModelAlias(name, alias, scope);
        io.stdout(`Deleted ${name}@${alias}\n`);
        return;
      }
      if (number === undefined) {
        const history = await client.getModelAliasHistory(name, alias, scope);
        if (options.json) {
          print(io, history);
          return;
        }
        const rows = history.items.map((e) => [
          when(e.at),
          e.fromVersion === null ? '-' : `v${e.fromVersion}`,
          e.toVersion === null ? '(deleted)' : `v${e.toVersion}`,
        ]);
        io.stdout(`${table(['AT', 'FROM', 'TO'], rows)}\n`);
        return;
      }
      const set = await client.setModelAlias(name, alias, { version: number }, scope);
      if (options.json) {
        print(io, set);
        return;
      }
      io.stdout(`${name}@${set.alias} now points at v${set.version}\n`);
    });

  cli
    .command('sync <dir>')
    .description('upload runs logged offline (ATELIER_MODE=offline): one run folder, or a folder of them; a second sync sends nothing')
    .action(async (dir: string) => {
      let folders: string[];
      try {
        folders = offlineRunFolders(dir);
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.usage);
      }
      if (folders.length === 0) throw new CliError(`${dir} holds no offline run (a folder with run.json)`, EXIT.usage);
      const { client, webUrl, apiUrl } = await connect(io, globals());
      for (const folder of folders) {
        const result = await syncOfflineRun(folder, client);
        const where = `${webUrl ?? apiUrl}/runs/${result.runId}`;
        io.stdout(
          result.sent === 0
            ? `${folder}: already synced (${where})\n`
            : `${folder}: ${result.sent} record${result.sent === 1 ? '' : 's'} sent to ${where}\n`,
        );
      }
    });

  return cli;
}

/** Runs one command line (without `node atelier`) and resolves with its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo, version?: string): Promise<number> {
  let code: number = EXIT.ok;
  const cli = program(io, (exitCode) => (code = exitCode), version);
  try {
    await cli.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and --version are not errors; anything else commander refuses is a usage error
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const failure = fromApiError(error);
    io.stderr(`error: ${failure.message}\n`);
    return failure.exitCode;
  }
}

/** The `atelier` binary; `version` is the package's. */
export async function main(version?: string): Promise<void> {
  const code = await runCli(
    process.argv.slice(2),
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
      isTTY: process.stdout.isTTY,
    },
    version,
  );
  process.exitCode = code;
}
