import { Controller, Get, HttpCode, Post, Res, UseInterceptors } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import { type TModelArtifact, type TPrediction, ZApiError, ZModelArtifact, ZPredictRequest, ZPrediction } from '@atelier/domain';
import { MODEL_CARD_FORMAT, type ModelCard } from '@atelier/ml/io/model-export';
import { ONNX_CARD_JSON_KEY, ONNX_CARD_MARKDOWN_KEY, ONNX_CLASS_NAMES_KEY } from '@atelier/ml/onnx/onnx-export';
import { ONNX_INPUT_NAME, ONNX_OPSET, ONNX_OUTPUT_NAME } from '@atelier/ml/onnx/to-onnx';
import { Contract, ValidParams } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { ModelsService } from './models.service';
import { type PredictInput, ValidPredictInput } from './predict-input';
import { PredictUploadInterceptor } from './predict-upload.interceptor';
import { Access } from '../auth/access.decorator';

function sendAttachment(response: Response, contentType: string, file: { filename: string; content: Uint8Array }): void {
  const { filename, content } = file;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Disposition', contentDisposition(filename, { type: 'attachment' }));
  response.setHeader('Content-Length', String(content.byteLength));
  response.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
}

@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  /** GET /models/:id: what a stored model is (size, checksum, backend, images trained on), without its bytes. */
  @Get(':id')
  @Access('read', { resource: 'model' })
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
  @Access('read', { resource: 'model' })
  @Contract({
    summary: 'Download a model as a zip',
    description: 'TF.js layers files (load with tf.loadLayersModel once extracted) and the model card as JSON and Markdown.',
    tags: ['models'],
    params: ZIdParams,
    responses: { 200: { description: 'The zip, named <experiment>-trial-<n>.zip', contentType: 'application/zip' } },
  })
  async download(@ValidParams() params: { id: string }, @Res() response: Response): Promise<void> {
    sendAttachment(response, 'application/zip', await this.models.download(params.id));
  }

  /** GET /models/:id/model.onnx: the model in ONNX (opset 13, NHWC input), its card in metadata_props. */
  @Get(':id/model.onnx')
  @Access('read', { resource: 'model' })
  @Contract({
    summary: 'Download a model as ONNX',
    description:
      `One .onnx file (opset ${ONNX_OPSET}) for onnxruntime and other ONNX readers: input '${ONNX_INPUT_NAME}' of shape [batch, height, width, 1], ` +
      `float32 pixels scaled to [0, 1] (channels last, as in TF.js); output '${ONNX_OUTPUT_NAME}', one softmax probability per class. ` +
      `metadata_props carry the model card: '${ONNX_CARD_JSON_KEY}' (JSON), '${ONNX_CARD_MARKDOWN_KEY}' (Markdown) and '${ONNX_CLASS_NAMES_KEY}' (the class names).`,
    tags: ['models'],
    params: ZIdParams,
    responses: {
      200: {
        description: 'The .onnx file, named <experiment>-<run name or trial-n>-<model id>.onnx',
        contentType: 'application/octet-stream',
      },
      404: { description: 'No model has this id', schema: ZApiError },
      409: { description: 'The model is a file in the artifact store, not a stored model', schema: ZApiError },
      422: {
        description: 'The model has no ONNX form: a KNN baseline, or a layer the export does not translate (the message names it)',
        schema: ZApiError,
      },
    },
  })
  async onnx(@ValidParams() params: { id: string }, @Res() response: Response): Promise<void> {
    sendAttachment(response, 'application/octet-stream', await this.models.onnx(params.id));
  }

  /** GET /models/:id/model-card.json: the model card alone, as the zip's model-card.json holds it. */
  @Get(':id/model-card.json')
  @Access('read', { resource: 'model' })
  @Contract({
    summary: "Get a model's card",
    description: `The card (format '${MODEL_CARD_FORMAT}'): dataset, class names, preprocessing, input shape, hyperparameters, cross-validation and test scores.`,
    tags: ['models'],
    params: ZIdParams,
    responses: {
      200: { description: 'The model card as JSON' },
      404: { description: 'No model has this id', schema: ZApiError },
    },
  })
  card(@ValidParams() params: { id: string }): Promise<ModelCard> {
    return this.models.card(params.id);
  }

  /** POST /models/:id/predict: classifies one 28×28 image given as a PNG upload or as JSON pixels. */
  @Post(':id/predict')
  @Access('read', { resource: 'model' })
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
