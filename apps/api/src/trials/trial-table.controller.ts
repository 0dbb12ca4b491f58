import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type TTrialTable, type TTrialTableQuery, ZTrialTable, ZTrialTableQuery } from '@atelier/domain';
import { Contract, notASearch, ValidParams, ValidQuery } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { attachment } from '../downloads/content-disposition';
import { TrialTableService } from './trial-table.service';

const TABLE_DESCRIPTION =
  'Sort by any hyperparameter or score (`sort`, `order`; rows without a value sort last, ties by trial number). ' +
  'Filter by a list of values (`optimizer=adam,sgd`, `status=completed`) or by an inclusive range (`learningRate.min=0.001`, ' +
  '`meanValAccuracy.max=0.9`). Unknown query parameters are refused with 400. Rows are light: no folds, no curves.';

/** The trials of one experiment as a table: server-side sorting, filtering and paging, and its CSV export. */
@Controller('experiments')
export class TrialTableController {
  constructor(private readonly table: TrialTableService) {}

  /** GET /experiments/:id/trials: one page of trials in the requested order, with the total that match. */
  @Get(':id/trials')
  @Contract({
    summary: "A page of an experiment's trials, sorted and filtered",
    description: TABLE_DESCRIPTION,
    tags: ['trials'],
    params: ZIdParams,
    query: ZTrialTableQuery,
    responses: { 200: { description: 'The page and the total count', schema: ZTrialTable }, 409: notASearch },
  })
  page(@ValidParams() params: { id: string }, @ValidQuery() query: TTrialTableQuery): Promise<TTrialTable> {
    return this.table.page(params.id, query);
  }

  /** GET /experiments/:id/trials.csv: every trial, one line each, as a CSV download. */
  @Get(':id/trials.csv')
  @Contract({
    summary: "Every trial of an experiment as CSV",
    description: 'Columns: number, status, the hyperparameters, meanValAccuracy, stdValAccuracy, meanValLoss, parameterCount, rung, testAccuracy. RFC 4180, UTF-8.',
    tags: ['trials'],
    params: ZIdParams,
    responses: { 200: { description: 'The CSV file', contentType: 'text/csv' }, 409: notASearch },
  })
  async csv(@ValidParams() params: { id: string }, @Res() response: Response): Promise<void> {
    const { filename, content } = await this.table.csv(params.id);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', attachment(filename));
    response.send(content);
  }
}
