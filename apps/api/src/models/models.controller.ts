import { Controller, Get, HttpCode, Post, Res, UseInterceptors } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import { type TModelArtifact, type TPrediction, ZApiError, ZModelArtifact, ZPredictRequest, ZPrediction } from '@atelier/domain';
import { Contract, ValidParams } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { ModelsService } from './models.service';
import { type PredictInput, ValidPredictInput } from './predict-input';
import { PredictUploadInterceptor } from './predict-upload.interceptor';

@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  /** GET /models/:id: what a stored model is (size, checksum, backend, images trained on), without its bytes. */
  @Get(':id')
  @Contract({
    summary: 'Get a stored model',
    tags: ['models'],
    params: ZIdParams,
    responses: { 200: { description: 'The model artifact', schema: ZModelArtifact } },
  })
  get(@ValidParams() params: { id: string }): Promise<TModelArtifact> {
    return this.models.get(params.id);
  }

  /** GET /models/:id/download: the export zip (model.json, weights.bin, model-card.json, README.md). */
  @Get(':id/download')
  @Contract({
    summary: 'Download a model as a zip',
    description: 'TF.js layers files (load with tf.loadLayersModel once extracted) and the model card as JSON and Markdown.',
    tags: ['models'],
    params: ZIdParams,
    responses: { 200: { description: 'The zip, named <experiment>-trial-<n>.zip', contentType: 'application/zip' } },
  })
  async download(@ValidParams() params: { id: string }, @Res() response: Response): Promise<void> {
    const { filename, content } = await this.models.download(params.id);
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', contentDisposition(filename, { type: 'attachment' }));
    response.setHeader('Content-Length', String(content.byteLength));
    response.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  }

  /** POST /models/:id/predict: classifies one 28×28 image given as a PNG upload or as JSON pixels. */
  @Post(':id/predict')
  @HttpCode(200)
  @UseInterceptors(PredictUploadInterceptor)
  @Contract({
    summary: 'Classify an image with a stored model',
    description:
      "Either multipart/form-data with the PNG in the field 'image' (any colour type; converted to grayscale, alpha over black), " +
      "or JSON { pixels: number[784], scale?: '0-255' | '0-1' } (row by row; default '0-255'). Answers every class, most probable first.",
    tags: ['models'],
    params: ZIdParams,
    body: ZPredictRequest,
    responses: {
      200: { description: 'Class probabilities, most probable first', schema: ZPrediction },
      400: { description: 'The image or the pixels cannot be read: the message says why', schema: ZApiError },
      413: { description: 'The upload is larger than 1 MiB', schema: ZApiError },
    },
  })
  predict(@ValidParams() params: { id: string }, @ValidPredictInput() input: PredictInput): Promise<TPrediction> {
    return this.models.predict(params.id, input);
  }
}
