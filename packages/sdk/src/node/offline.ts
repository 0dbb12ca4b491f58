import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AtelierClient } from '@atelier/client';
import type { TCreateRunRequest, TLogEvaluationRequest, TLogRequest, TUpdateRunRequest } from '@atelier/domain';
import type { CreatedRun, ModelUpload, Transport, UploadFile } from '../transport.js';

/**
 * Offline runs (ATELIER_MODE=offline): a run is a folder holding run.json (what POST /runs would
 * get) and journal.jsonl, one line per call in the order the run made them; models and files
 * sit beside them. `atelier sync` replays the journal against the API and records in sync.json
 * the API's run id and how many lines are in: a second sync sends nothing, and a sync cut off
 * half-way continues where it stopped (a log batch sent twice is harmless; models and files are
 * sent with overwrite).
 */
export const OFFLINE_FILES = { run: 'run.json', journal: 'journal.jsonl', state: 'sync.json' } as const;

type JournalLine =
  | { kind: 'log'; batch: TLogRequest }
  | { kind: 'update'; request: TUpdateRunRequest }
  | { kind: 'model'; modelJson: string; weights: string; name?: string; dataset?: string }
  | { kind: 'artifacts'; files: { path: string; file: string }[] }
  | { kind: 'evaluation'; request: TLogEvaluationRequest };

interface SyncState {
  runId: string;
  lines: number;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'run';

/** The run's calls, written to `<dir>/<time>-<experiment>-<id>/` instead of sent. */
export function offlineTransport(dir: string): Transport & { folderOf(runId: string): string } {
  const folders = new Map<string, string>();
  const folderOf = (runId: string) => {
    const folder = folders.get(runId);
    if (folder === undefined) throw new Error(`no offline run ${runId} in this process`);
    return folder;
  };
  const append = (runId: string, line: JournalLine) =>
    appendFileSync(path.join(folderOf(runId), OFFLINE_FILES.journal), `${JSON.stringify(line)}\n`);
  let files = 0;
  const store = async (runId: string, blob: Blob, name: string) => {
    const file = `files/${String(++files).padStart(4, '0')}-${path.basename(name)}`;
    mkdirSync(path.join(folderOf(runId), 'files'), { recursive: true });
    await writeFile(path.join(folderOf(runId), file), new Uint8Array(await blob.arrayBuffer()));
    return file;
  };
  return {
    folderOf,
    createRun(request: TCreateRunRequest): Promise<CreatedRun> {
      const id = randomUUID();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const folder = path.resolve(dir, `${stamp}-${slug(request.experiment)}-${id.slice(0, 8)}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, OFFLINE_FILES.run), `${JSON.stringify({ request, createdAt: new Date().toISOString() }, null, 2)}\n`);
      writeFileSync(path.join(folder, OFFLINE_FILES.journal), '');
      folders.set(id, folder);
      return Promise.resolve({ id, number: 0, experimentId: '' });
    },
    log(runId: string, batch: TLogRequest) {
      append(runId, { kind: 'log', batch });
      return Promise.resolve();
    },
    updateRun(runId: string, request: TUpdateRunRequest) {
      append(runId, { kind: 'update', request });
      return Promise.resolve();
    },
    async uploadModel(runId: string, upload: ModelUpload) {
      const modelJson = await store(runId, upload.modelJson, 'model.json');
      const weights = await store(runId, upload.weights, 'model.weights.bin');
      append(runId, { kind: 'model', modelJson, weights, name: upload.name, dataset: upload.dataset });
      return { id: `${runId}:${modelJson}`, name: upload.name ?? 'model' };
    },
    async uploadArtifacts(runId: string, uploads: readonly UploadFile[]) {
      const stored = [];
      for (const upload of uploads) stored.push({ path: upload.path, file: await store(runId, upload.content, upload.path) });
      append(runId, { kind: 'artifacts', files: stored });
    },
    logEvaluation(runId: string, request: TLogEvaluationRequest) {
      append(runId, { kind: 'evaluation', request });
      return Promise.resolve(null);
    },
  };
}

/** The run folders under `target`: itself when it is one, else those directly inside it. */
export function offlineRunFolders(target: string): string[] {
  if (existsSync(path.join(target, OFFLINE_FILES.run))) return [target];
  if (!existsSync(target)) throw new Error(`${target} does not exist`);
  return readdirSync(target, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(target, entry.name, OFFLINE_FILES.run)))
    .map((entry) => path.join(target, entry.name))
    .sort();
}

export interface SyncResult {
  folder: string;
  runId: string;
  /** Journal lines sent by this sync (0: it was in already). */
  sent: number;
}

const blobOf = (folder: string, file: string) => new Blob([readFileSync(path.join(folder, file))]);

/** Uploads one offline run, or what of it the last sync did not send. */
export async function syncOfflineRun(folder: string, client: AtelierClient): Promise<SyncResult> {
  const statePath = path.join(folder, OFFLINE_FILES.state);
  const saveState = (state: SyncState) => {
    // written beside and renamed: a sync killed mid-write leaves the previous state, not half of one
    writeFileSync(`${statePath}.tmp`, `${JSON.stringify(state)}\n`);
    renameSync(`${statePath}.tmp`, statePath);
  };
  const { request } = JSON.parse(readFileSync(path.join(folder, OFFLINE_FILES.run), 'utf8')) as { request: TCreateRunRequest };
  const lines = readFileSync(path.join(folder, OFFLINE_FILES.journal), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JournalLine);
  let state: SyncState | null = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as SyncState) : null;
  if (state === null) {
    state = { runId: (await client.createRun(request)).id, lines: 0 };
    saveState(state);
  }
  const start = state.lines;
  for (const [index, line] of lines.entries()) {
    if (index < start) continue;
    if (line.kind === 'log') await client.logRun(state.runId, line.batch);
    else if (line.kind === 'update') await client.updateRun(state.runId, line.request);
    else if (line.kind === 'model') {
      await client.uploadRunModel(state.runId, {
        modelJson: blobOf(folder, line.modelJson),
        weights: blobOf(folder, line.weights),
        name: line.name,
        dataset: line.dataset,
        overwrite: true,
      });
    } else if (line.kind === 'evaluation') {
      // one evaluation per run and split: sent again, it replaces itself
      await client.logRunEvaluation(state.runId, line.request);
    } else {
      await client.logArtifacts(
        state.runId,
        line.files.map((file) => ({ path: file.path, content: blobOf(folder, file.file) })),
        { overwrite: true },
      );
    }
    state = { runId: state.runId, lines: index + 1 };
    saveState(state);
  }
  return { folder, runId: state.runId, sent: lines.length - start };
}
