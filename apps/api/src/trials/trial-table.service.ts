import { Injectable } from '@nestjs/common';
import type { TTrialRow, TTrialTable, TTrialTableQuery } from '@atelier/domain';
import { searchExperimentOf } from '@atelier/db';
import { notFound } from '../common/api-exception';
import { fileStem } from '../downloads/content-disposition';
import { trialsCsv } from './trial-csv';
import { toTrialRow } from './trial-row.mapper';
import { TrialTableRepository } from './trial-table.repository';

@Injectable()
export class TrialTableService {
  constructor(private readonly table: TrialTableRepository) {}

  async page(experimentId: string, query: TTrialTableQuery): Promise<TTrialTable> {
    const { limit, offset, sort, order, ...filters } = query;
    const [experiment, rows] = await Promise.all([
      this.table.findExperiment(experimentId),
      this.table.page(experimentId, { sort, order, filters, page: { limit, offset } }),
    ]);
    if (!experiment) throw notFound(`Experiment '${experimentId}' not found`);
    const total = rows.length > 0 ? Number(rows[0]!.total) : offset > 0 ? await this.table.count(experimentId, filters) : 0;
    const classes = (searchExperimentOf(experiment).dataset.classNames as unknown[]).length;
    return { experimentId, total, limit, offset, sort, order, items: rows.map((row) => toTrialRow(row, classes)) };
  }

  /** Every trial of the experiment in number order, as CSV, with the download's file name. */
  async csv(experimentId: string): Promise<{ filename: string; content: string }> {
    const experiment = await this.table.findExperiment(experimentId);
    if (!experiment) throw notFound(`Experiment '${experimentId}' not found`);
    const classes = (searchExperimentOf(experiment).dataset.classNames as unknown[]).length;
    const rows: TTrialRow[] = (await this.table.page(experimentId, { sort: 'number', order: 'asc', filters: {}, page: null })).map((row) => toTrialRow(row, classes));
    return { filename: `${fileStem(experiment.name)}-trials.csv`, content: trialsCsv(rows) };
  }
}
