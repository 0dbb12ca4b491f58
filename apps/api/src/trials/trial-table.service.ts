import { Injectable } from '@nestjs/common';
import {
  parseRunFilter,
  parseRunSort,
  TRIAL_SORT_FIELDS,
  type TTrialSortField,
  type TTrialTable,
  type TTrialTableQuery,
} from '@atelier/domain';
import { fileStem } from '@atelier/domain/file-name';
import { searchExperimentOf } from '@atelier/db';
import { notFound } from '../common/api-exception';
import { filterError } from '../runs/run-request';
import type { SummaryRow } from '../runs/runs.repository';
import { trialsCsvHeader, trialsCsvLines } from './trial-csv';
import { toTrialRow } from './trial-row.mapper';
import {
  isFiltered,
  type TrialTableRecord,
  TrialTableRepository,
  type TrialTableSelection,
  type TrialTableSort,
} from './trial-table.repository';

const COLUMNS: ReadonlySet<string> = new Set(TRIAL_SORT_FIELDS);

/** Trials per FETCH of the CSV export's cursor: a few hundred KiB of lines, whatever the search's size. */
const CSV_BATCH = 1000;
/** How long one export may hold its read transaction (a slow download of 100,000 trials takes seconds, not minutes). */
const CSV_TIMEOUT_MS = 10 * 60_000;

/**
 * `sort`: one of the table's own columns, else a field of the filter language, parsed by the
 * runs list's parser (a 400 with the position when it does not parse). The direction is `order`'s.
 */
export function trialTableSort(text: string, order: 'asc' | 'desc'): TrialTableSort {
  if (COLUMNS.has(text)) return { kind: 'column', column: text as TTrialSortField, direction: order };
  const parsed = parseRunSort(text);
  if (!parsed.ok) {
    const columns = `or sort by a column of the table: ${TRIAL_SORT_FIELDS.join(', ')}`;
    throw filterError('sort', { ...parsed.error, message: `${parsed.error.message}; ${columns}` });
  }
  const match = /\s(asc|desc)\s*$/i.exec(text);
  const direction = match?.[1];
  if (match && direction) {
    const at = text.length - match[0].trimStart().length;
    throw filterError('sort', {
      position: at,
      expected: ['the end of the sort'],
      found: `'${direction}'`,
      message: `at position ${at}: the direction of the trials table goes in \`order\` (order=${direction.toLowerCase()}), not in \`sort\``,
    });
  }
  return { kind: 'field', sort: { field: parsed.value.field, direction: order } };
}

/** The rows a query selects: its filter in the language (a 400 with the position when it does not parse) and the older per-column filters. */
function selectionOf(query: TTrialTableQuery): TrialTableSelection {
  const { limit: _limit, offset: _offset, sort: _sort, order: _order, filter: text, ...filters } = query;
  const filter = parseRunFilter(text ?? '');
  if (!filter.ok) throw filterError('filter', filter.error);
  return { filter: filter.value, filters };
}

function byRun(summaries: readonly SummaryRow[]): Map<string, SummaryRow[]> {
  const map = new Map<string, SummaryRow[]>();
  for (const summary of summaries) map.set(summary.runId, [...(map.get(summary.runId) ?? []), summary]);
  return map;
}

@Injectable()
export class TrialTableService {
  constructor(private readonly table: TrialTableRepository) {}

  async page(experimentId: string, query: TTrialTableQuery): Promise<TTrialTable> {
    const { limit, offset, sort, order } = query;
    const selection = selectionOf(query);
    const ordering = trialTableSort(sort, order);
    const [experiment, rows, keys] = await Promise.all([
      this.table.findExperiment(experimentId),
      this.table.page(experimentId, { ...selection, sort: ordering, page: { limit, offset } }),
      this.table.keys(experimentId),
    ]);
    if (!experiment) throw notFound(`Experiment '${experimentId}' not found`);
    const first = rows[0];
    const total = !isFiltered(selection)
      ? await this.table.unfilteredTotal(experimentId)
      : first
        ? Number(first.total)
        : offset > 0
          ? await this.table.count(experimentId, selection)
          : 0;
    const classes = (searchExperimentOf(experiment).dataset.classNames as unknown[]).length;
    const items = await this.withSummaries(rows, classes);
    return { experimentId, total, limit, offset, sort, order, filter: (query.filter ?? '').trim(), keys, items };
  }

  /**
   * The trials of the table as CSV, with the download's file name: every one the query selects
   * (its filter and older filters, not its page), in its order (number by default), with a
   * column per metric key of the experiment (its last value). The query, the experiment and its
   * keys are checked here, so that a 400 or a 404 is answered before the first byte; `write` then
   * streams the header and a batch of lines at a time into `sink` (a cursor behind it: see
   * TrialTableRepository.eachBatch), awaiting it before the next batch is read.
   */
  async csv(
    experimentId: string,
    query: TTrialTableQuery,
    options: { batch?: number } = {},
  ): Promise<{ filename: string; write: (sink: (chunk: string) => Promise<void>) => Promise<void> }> {
    const selection = selectionOf(query);
    const ordering = trialTableSort(query.sort, query.order);
    const [experiment, keys] = await Promise.all([this.table.findExperiment(experimentId), this.table.keys(experimentId)]);
    if (!experiment) throw notFound(`Experiment '${experimentId}' not found`);
    const classes = (searchExperimentOf(experiment).dataset.classNames as unknown[]).length;
    const write = async (sink: (chunk: string) => Promise<void>) => {
      await sink(trialsCsvHeader(keys.metrics));
      await this.table.eachBatch(
        experimentId,
        { ...selection, sort: ordering },
        { batch: options.batch ?? CSV_BATCH, timeoutMs: CSV_TIMEOUT_MS },
        async (records, summaries) => {
          const byId = byRun(summaries);
          const rows = records.map((row) => toTrialRow(row, classes, byId.get(row.id) ?? []));
          await sink(trialsCsvLines(rows, keys.metrics));
        },
      );
    };
    return { filename: `${fileStem(experiment.name, 'experiment')}-trials.csv`, write };
  }

  private async withSummaries(rows: readonly TrialTableRecord[], classes: number) {
    const summaries = byRun(await this.table.summaries(rows.map((row) => row.id)));
    return rows.map((row) => toTrialRow(row, classes, summaries.get(row.id) ?? []));
  }
}
