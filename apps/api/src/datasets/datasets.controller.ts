import { Controller, Get, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  type TDatasetCorrelation,
  type TDatasetDetail,
  type TDatasetMeanImages,
  type TDatasetSamples,
  type TDatasetSummary,
  ZApiError,
  ZDatasetCorrelation,
  ZDatasetDetail,
  ZDatasetImportNeedsConfirmation,
  ZDatasetMeanImages,
  ZDatasetSamples,
  ZDatasetSummary,
} from '@atelier/domain';
import { z } from 'zod';
import { Contract, ValidParams, ValidQuery } from '../common/contract';
import { DatasetExplorerService } from './dataset-explorer.service';
import { DatasetImportService, type UploadedFiles } from './dataset-import.service';
import { DatasetUploadInterceptor } from './dataset-upload.interceptor';
import {
  type TDatasetImageParams,
  type TDatasetSamplesQuery,
  ZDatasetImageParams,
  ZDatasetKeyParams,
  ZDatasetSamplesQuery,
} from './datasets.schemas';
import { DatasetsService } from './datasets.service';
import { Access } from '../auth/access.decorator';

const UNAVAILABLE = {
  description: "The dataset's files are missing or damaged; the message says where the server looked",
  schema: ZApiError,
};

const IMPORT_DESCRIPTION = `multipart/form-data with these text fields:
- \`key\` (required): lower-case letters, digits and dashes; unique
- \`name\` (required): display name
- \`classNames\`: one name per label, in label order (JSON array, one per line, or comma-separated); default "0".."n-1"
- \`testFraction\`: with no test file, the fraction of the train file held out (stratified) as the test split; default 1/7
- \`seed\`: seed of that holdout; default 0

and either CSV files (Kaggle layout: the label, then one column per pixel 0..255, row-major; header line optional; .gz accepted)
- \`trainCsv\` (required), \`testCsv\`

or IDX files (MNIST format, unsigned byte, .gz or raw)
- \`trainImages\`, \`trainLabels\` (required), \`testImages\`, \`testLabels\`

The files are checked strictly (ragged rows, non-numeric or out-of-range values, bad IDX headers, count mismatches…);
the first problem is answered as a 400 naming the file and the line. Nothing is stored unless everything is valid.

Valid files can still hold data nobody should train on. The import checks for blank images (every pixel the same),
a single populated class, declared classes without images (e.g. labels 1..9 with default names "0".."9"), heavy
exact duplication or test images that also occur in train, and an empty test split. **Confirm step:** when there is
any such warning and \`acknowledgeWarnings\` is not \`true\`, the answer is **422** \`unconfirmed_warnings\` with
the \`warnings\` (kind, message, count) and nothing is stored; send the same request again with
\`acknowledgeWarnings=true\` to import anyway. The warnings are stored with the dataset and returned in its
\`warnings\` wherever it is listed, so every page that uses it can repeat them.
The dataset is stored as IDX under ATELIER_DATA_DIR/datasets/<key>/ and can be trained on at once.`;

@Controller('datasets')
export class DatasetsController {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly explorer: DatasetExplorerService,
    private readonly importer: DatasetImportService,
  ) {}

  /** GET /datasets: every dataset, with whether its files are where this server looks. */
  @Get()
  @Access('read', { project: 'query', list: true })
  @Contract({
    summary: 'List datasets',
    description: '`available` says whether the files were found in ATELIER_DATASET_DIR or the download cache.',
    tags: ['datasets'],
    responses: { 200: { description: 'Every dataset', schema: z.array(ZDatasetSummary) } },
  })
  list(): Promise<TDatasetSummary[]> {
    return this.datasets.list();
  }

  /** POST /datasets/import: validates uploaded CSV or IDX files, stores them, then inserts the row; all or nothing. */
  @Post('import')
  @Access('write', { project: 'query' })
  @UseInterceptors(DatasetUploadInterceptor)
  @Contract({
    summary: 'Import a dataset from CSV or IDX files',
    description: IMPORT_DESCRIPTION,
    tags: ['datasets'],
    responses: {
      201: { description: 'The stored dataset', schema: ZDatasetSummary },
      400: { description: 'A field or a file is invalid: the message names the file and the problem', schema: ZApiError },
      409: { description: 'The key is taken', schema: ZApiError },
      413: { description: 'A file is larger than DATASET_UPLOAD_MAX_MB', schema: ZApiError },
      422: {
        description: 'The files are valid but the data has warnings and acknowledgeWarnings was not true: nothing was stored',
        schema: ZDatasetImportNeedsConfirmation,
      },
    },
  })
  import(@Req() request: Request & { files?: UploadedFiles }): Promise<TDatasetSummary> {
    return this.importer.import(request.body, request.files);
  }

  /** GET /datasets/:key: the dataset with its class distribution, duplicates and anomalies. */
  @Get(':key')
  @Access('read', { resource: 'dataset', param: 'key' })
  @Contract({
    summary: 'Get a dataset with its data-quality report',
    description:
      'Class counts per split, exact duplicate images (SHA-1 of the pixels; across splits and with conflicting labels), and empty, ' +
      'constant or mislabelled images. Computed over every image on first request, then cached by the API process.',
    tags: ['datasets'],
    params: ZDatasetKeyParams,
    responses: { 200: { description: 'The dataset and its report', schema: ZDatasetDetail }, 409: UNAVAILABLE },
  })
  get(@ValidParams() params: { key: string }): Promise<TDatasetDetail> {
    return this.explorer.detail(params.key);
  }

  /** GET /datasets/:key/mean-images: the mean train image of each class. */
  @Get(':key/mean-images')
  @Access('read', { resource: 'dataset', param: 'key' })
  @Contract({
    summary: 'Mean image per class (train split)',
    tags: ['datasets'],
    params: ZDatasetKeyParams,
    responses: { 200: { description: 'One height × width mean per class', schema: ZDatasetMeanImages }, 409: UNAVAILABLE },
  })
  meanImages(@ValidParams() params: { key: string }): Promise<TDatasetMeanImages> {
    return this.explorer.meanImages(params.key);
  }

  /** GET /datasets/:key/correlation: how much each pixel tells about the class (η, train split). */
  @Get(':key/correlation')
  @Access('read', { resource: 'dataset', param: 'key' })
  @Contract({
    summary: 'Pixel–label correlation map (train split)',
    description:
      'For each pixel, the correlation ratio η = sqrt(SS_between / SS_total) of its intensity against the class: 0 when every ' +
      "class has the same mean there, 1 when the pixel's value is fully determined by the class. η rather than Pearson's r, " +
      'because labels are unordered categories: r against the label number would change if the classes were renumbered. ' +
      'Pixels that never vary get 0.',
    tags: ['datasets'],
    params: ZDatasetKeyParams,
    responses: { 200: { description: 'η per pixel', schema: ZDatasetCorrelation }, 409: UNAVAILABLE },
  })
  correlation(@ValidParams() params: { key: string }): Promise<TDatasetCorrelation> {
    return this.explorer.correlation(params.key);
  }

  /** GET /datasets/:key/samples: seeded random images of a split (or of one class) with their labels. */
  @Get(':key/samples')
  @Access('read', { resource: 'dataset', param: 'key' })
  @Contract({
    summary: 'A seeded random sample of images',
    description: 'The same seed gives the same images. Each item has the path of its PNG.',
    tags: ['datasets'],
    params: ZDatasetKeyParams,
    query: ZDatasetSamplesQuery,
    responses: { 200: { description: 'Indices, labels and image paths', schema: ZDatasetSamples }, 409: UNAVAILABLE },
  })
  samples(@ValidParams() params: { key: string }, @ValidQuery() query: TDatasetSamplesQuery): Promise<TDatasetSamples> {
    return this.explorer.samples(params.key, query);
  }

  /** GET /datasets/:key/images/:split/:index.png: one image as a grayscale PNG, cacheable. */
  @Get(':key/images/:split/:index.png')
  @Access('read', { resource: 'dataset', param: 'key' })
  @Contract({
    summary: 'One image as a PNG',
    description: 'Grayscale, at the dataset’s own size (28×28 for the MNIST family); scale it up with `image-rendering: pixelated`.',
    tags: ['datasets'],
    params: ZDatasetImageParams,
    responses: { 200: { description: 'The image', contentType: 'image/png' }, 409: UNAVAILABLE },
  })
  async image(@ValidParams() params: TDatasetImageParams, @Res() response: Response): Promise<void> {
    const png = await this.explorer.image(params.key, params.split, params.index);
    // Stored datasets never change, so browsers may keep images; express adds an ETag for revalidation.
    response.type('png').set('Cache-Control', 'public, max-age=86400').send(png);
  }
}
