import { Controller, Get, Logger, Res } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import { type TTrialTable, type TTrialTableQuery, ZApiError, ZTrialTable, ZTrialTableQuery } from '@atelier/domain';
import { Contract, notASearch, ValidParams, ValidQuery } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { TrialTableService } from './trial-table.service';
import { Access } from '../auth/access.decorator';

const TABLE_DESCRIPTION =
  '`filter`: the filter language of GET /runs, compiled by the same code, e.g. ' +
  "`params.learningRate < 0.01 and metrics.val_accuracy > 0.9 and attributes.status = 'completed'` (a filter that does not parse " +
  'is a 400 whose `position` is the 0-based offset of the problem). `sort`: a column of the table (a hyperparameter, read at its ' +
  'default where a trial lacks it, or a score) or any field of the language (`params.dropout`, `metrics.val_loss`); `order` its ' +
  'direction; rows without a value sort last, ties by trial number. The older filters still apply, ANDed with `filter`: a list ' +
  'of values (`optimizer=adam,sgd`, `status=completed`, `number=2,5,11`) or an inclusive range (`learningRate.min=0.001`, ' +
  '`meanValAccuracy.max=0.9`). Unknown query parameters are refused with 400. Rows are light (no folds, no curves) but carry ' +
  'their params and metric summaries; `keys` lists every params and metric key of the experiment, for the columns.';

/**
 * Writes one chunk of a streamed body, and resolves once the socket can take more (backpressure:
 * a slow download slows the reads behind it instead of piling up in memory); rejects when the
 * client has gone, which stops the reads.
 */
function writeChunk(response: Response, chunk: string): Promise<void> {
  if (response.destroyed || response.writableEnded) return Promise.reject(new Error('the client closed the download'));
  if (response.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const closed = () => {
      response.off('drain', drained);
      reject(new Error('the client closed the download'));
    };
    const drained = () => {
      response.off('close', closed);
      resolve();
    };
    response.once('drain', drained);
    response.once('close', closed);
  });
}

/** The trials of one experiment as a table: server-side sorting, filtering and paging, and its CSV export. */
@Controller('experiments')
export class TrialTableController {
  private readonly logger = new Logger(TrialTableController.name);

  constructor(private readonly table: TrialTableService) {}

  /** GET /experiments/:id/trials: one page of trials in the requested order, with the total that match. */
  @Get(':id/trials')
  @Access('read', { resource: 'experiment' })
  @Contract({
    summary: "A page of an experiment's trials, sorted and filtered",
    description: TABLE_DESCRIPTION,
    tags: ['trials'],
    params: ZIdParams,
    query: ZTrialTableQuery,
    responses: {
      200: { description: 'The page and the total count', schema: ZTrialTable },
      400: {
        description: 'A query parameter, the filter or the sort is invalid (the filter and sort with the position of the problem)',
        schema: ZApiError,
      },
      409: notASearch,
    },
  })
  page(@ValidParams() params: { id: string }, @ValidQuery() query: TTrialTableQuery): Promise<TTrialTable> {
    return this.table.page(params.id, query);
  }

  /** GET /experiments/:id/trials.csv: every trial, one line each, as a CSV download streamed a batch of trials at a time. */
  @Get(':id/trials.csv')
  @Access('read', { resource: 'experiment' })
  @Contract({
    summary: 'Every trial of an experiment as CSV',
    description:
      'Columns: number, status, the hyperparameters, meanValAccuracy, stdValAccuracy, meanValLoss, parameterCount, rung, testAccuracy, ' +
      'then metrics.<key> (last value) per metric key of the experiment. The same `filter`, `sort`, `order` and older filters as the ' +
      'table select and order the lines; `limit` and `offset` are ignored (every matching trial). Streamed (chunked, no ' +
      'Content-Length) from one consistent read of the database, a batch of trials at a time, so any size exports in bounded memory; ' +
      'a download that fails midway is cut off (its chunked body never ends), never a shorter file that looks whole. RFC 4180 (CRLF line ends), UTF-8; ' +
      'empty where a trial has no value, NaN and ±Infinity as those words; a text cell starting with = + - @, a tab or a carriage ' +
      "return gets a leading ' so a spreadsheet does not run it as a formula (numbers never do).",
    tags: ['trials'],
    params: ZIdParams,
    query: ZTrialTableQuery,
    responses: {
      200: { description: 'The CSV file', contentType: 'text/csv' },
      400: { description: 'The filter or the sort is invalid (with the position of the problem)', schema: ZApiError },
      409: notASearch,
    },
  })
  async csv(@ValidParams() params: { id: string }, @ValidQuery() query: TTrialTableQuery, @Res() response: Response): Promise<void> {
    // a bad query or an unknown experiment is still a JSON error here: nothing has been sent
    const { filename, write } = await this.table.csv(params.id, query);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', contentDisposition(filename, { type: 'attachment' }));
    try {
      await write((chunk) => writeChunk(response, chunk));
      response.end();
    } catch (error) {
      // the status has gone: cut the connection, so the client sees a failed download rather than a short file
      this.logger.warn(`trials CSV of ${params.id} stopped: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy();
    }
  }
}
