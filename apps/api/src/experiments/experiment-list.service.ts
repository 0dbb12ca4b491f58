import { Injectable } from '@nestjs/common';
import { countByStatus, defaultExperimentOrder, type TExperimentList, type TExperimentListQuery } from '@atelier/domain';
import { toExperimentSummary } from './experiment.mapper';
import { ExperimentListRepository, type ExperimentListRecord } from './experiment-list.repository';

@Injectable()
export class ExperimentListService {
  constructor(private readonly experiments: ExperimentListRepository) {}

  /** A page of experiments in the requested order (each column's own default when none), with the total that match. */
  async page(query: TExperimentListQuery, projectIds: readonly string[] | null): Promise<TExperimentList> {
    const { limit, offset, sort, order = defaultExperimentOrder(sort), project: _project, ...rest } = query;
    const filters = { ...rest, projectIds };
    const rows = await this.experiments.page({ sort, order, filters, limit, offset });
    const [total, counts] = await Promise.all([
      rows[0] ? rows[0].total : offset > 0 ? this.experiments.count(filters) : 0,
      this.experiments.trialCounts(rows.map((row) => row.id)),
    ]);
    return {
      total,
      items: rows.map((row) =>
        toExperimentSummary(toSummaryRow(row), countByStatus(counts.filter((c) => c.experimentId === row.id)), bestTrial(row)),
      ),
    };
  }
}

function toSummaryRow(row: ExperimentListRecord) {
  return {
    ...row,
    dataset: row.datasetKey === null ? null : { key: row.datasetKey },
    project: { slug: row.projectSlug, name: row.projectName },
  };
}

function bestTrial(row: ExperimentListRecord) {
  return row.bestId === null || row.bestNumber === null || row.bestMeanValAccuracy === null
    ? null
    : { id: row.bestId, number: row.bestNumber, meanValAccuracy: row.bestMeanValAccuracy, stdValAccuracy: row.bestStdValAccuracy };
}
