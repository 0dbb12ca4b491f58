import { Controller, Delete, Get, HttpCode, Post, Put, Res, UseInterceptors } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import {
  type TCreateModelVersionRequest,
  type TCreateRegisteredModelRequest,
  type TModelAlias,
  type TModelAliasHistory,
  type TModelVersion,
  type TRegisteredModelDetail,
  type TRegisteredModelList,
  type TRegisteredModelSummary,
  type TRegisteredPrediction,
  type TSetModelAliasRequest,
  ZApiError,
  ZCreateModelVersionRequest,
  ZCreateRegisteredModelRequest,
  ZModelAlias,
  ZModelAliasHistory,
  ZModelVersion,
  ZPredictRequest,
  ZRegisteredModelDetail,
  ZRegisteredModelList,
  ZRegisteredModelSummary,
  ZRegisteredPrediction,
  ZSetModelAliasRequest,
} from '@atelier/domain';
import { Contract, type ResponseContract, ValidBody, ValidParams } from '../common/contract';
import { type PredictInput, ValidPredictInput } from '../models/predict-input';
import { PredictUploadInterceptor } from '../models/predict-upload.interceptor';
import { type TAliasParams, type TNameParams, type TVersionParams, ZAliasParams, ZNameParams, ZVersionParams } from './registry.schemas';
import { RegistryService } from './registry.service';
import { Access } from '../auth/access.decorator';

const TAGS = ['registry'];
const unknownName: ResponseContract = { description: 'No registered model has this name', schema: ZApiError };
const badName: ResponseContract = { description: 'The name, alias or version is not valid: the message gives the rule', schema: ZApiError };
const PREDICT_DESCRIPTION =
  "Either multipart/form-data with the PNG in the field 'image', or JSON { pixels: number[784], scale?: '0-255' | '0-1' }, as POST /models/{id}/predict. " +
  'The answer names the version that classified the image.';
const predictResponses = {
  200: { description: 'Class probabilities, most probable first, and the version that answered', schema: ZRegisteredPrediction },
  400: { description: 'A bad reference, or an image that cannot be read: the message says why', schema: ZApiError },
  404: { description: 'No such registered model, alias or version', schema: ZApiError },
  413: { description: 'The upload is larger than 1 MiB', schema: ZApiError },
};

/** Registered-model names are unique per project: ?project=<slug> (default: the token's project, else 'default'). */
const IN_PROJECT = { project: 'query' } as const;

@Controller('registered-models')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  /** POST /registered-models: a new name to publish versions under; 409 when the name is taken. */
  @Post()
  @Access('write', { project: 'body' })
  @Contract({
    summary: 'Create a registered model',
    tags: TAGS,
    body: ZCreateRegisteredModelRequest,
    responses: {
      201: { description: 'The registered model, with no versions yet', schema: ZRegisteredModelSummary },
      400: badName,
      409: { description: 'The name is taken', schema: ZApiError },
    },
  })
  create(@ValidBody() body: TCreateRegisteredModelRequest): Promise<TRegisteredModelSummary> {
    return this.registry.create(body);
  }

  /** GET /registered-models: every registered model of the project with its aliases, by name. */
  @Get()
  @Access('read', { project: 'query', list: true })
  @Contract({
    summary: 'List registered models',
    tags: TAGS,
    responses: { 200: { description: 'Registered models by name', schema: ZRegisteredModelList } },
  })
  list(): Promise<TRegisteredModelList> {
    return this.registry.list();
  }

  /** GET /registered-models/:name: the model, its versions (with their run's metrics, parameters, dataset and model card) and aliases. */
  @Get(':name')
  @Access('read', IN_PROJECT)
  @Contract({
    summary: 'Get a registered model with its versions and aliases',
    tags: TAGS,
    params: ZNameParams,
    responses: {
      200: { description: 'The registered model; versions newest first', schema: ZRegisteredModelDetail },
      400: badName,
      404: unknownName,
    },
  })
  get(@ValidParams() params: TNameParams): Promise<TRegisteredModelDetail> {
    return this.registry.get(params.name);
  }

  /** POST /registered-models/:name/versions: a stored model, or a run's model, becomes the next version. */
  @Post(':name/versions')
  @Access('write', IN_PROJECT)
  @Contract({
    summary: 'Register a model version',
    description:
      '{ modelId } registers a stored model; { runId } registers the one model of a run. Versions are numbered 1, 2, 3… per name.',
    tags: TAGS,
    params: ZNameParams,
    body: ZCreateModelVersionRequest,
    responses: {
      201: { description: 'The new version', schema: ZModelVersion },
      400: badName,
      404: { description: 'No such registered model, model or run', schema: ZApiError },
      409: { description: 'The run has no stored model, or several (then register one by modelId)', schema: ZApiError },
    },
  })
  addVersion(@ValidParams() params: TNameParams, @ValidBody() body: TCreateModelVersionRequest): Promise<TModelVersion> {
    return this.registry.addVersion(params.name, body);
  }

  /** PUT /registered-models/:name/aliases/:alias: points the alias at a version of this model (creating or moving it) and records the move. */
  @Put(':name/aliases/:alias')
  @Access('write', IN_PROJECT)
  @Contract({
    summary: 'Set an alias',
    tags: TAGS,
    params: ZAliasParams,
    body: ZSetModelAliasRequest,
    responses: {
      200: { description: 'The alias as it now is', schema: ZModelAlias },
      400: { description: 'A bad name or alias, or a version of another registered model', schema: ZApiError },
      404: { description: 'No such registered model or version', schema: ZApiError },
    },
  })
  setAlias(@ValidParams() params: TAliasParams, @ValidBody() body: TSetModelAliasRequest): Promise<TModelAlias> {
    return this.registry.setAlias(params.name, params.alias, body);
  }

  /** DELETE /registered-models/:name/aliases/:alias: removes the alias (the versions stay) and records it. */
  @Delete(':name/aliases/:alias')
  @Access('write', IN_PROJECT)
  @HttpCode(204)
  @Contract({
    summary: 'Delete an alias',
    tags: TAGS,
    params: ZAliasParams,
    responses: {
      204: { description: 'Deleted' },
      400: badName,
      404: { description: 'No such registered model or alias', schema: ZApiError },
    },
  })
  deleteAlias(@ValidParams() params: TAliasParams): Promise<void> {
    return this.registry.deleteAlias(params.name, params.alias);
  }

  /** DELETE /registered-models/:name/versions/:version: unpublishes a version (its model stays with its run). */
  @Delete(':name/versions/:version')
  @Access('write', IN_PROJECT)
  @HttpCode(204)
  @Contract({
    summary: 'Delete a version',
    description:
      'The version number is not handed out again; the stored model stays with the run that made it. Refused while an alias points at it.',
    tags: TAGS,
    params: ZVersionParams,
    responses: {
      204: { description: 'Deleted' },
      400: badName,
      404: { description: 'No such registered model or version', schema: ZApiError },
      409: { description: 'An alias points at it: move or delete the alias first', schema: ZApiError },
    },
  })
  deleteVersion(@ValidParams() params: TVersionParams): Promise<void> {
    return this.registry.deleteVersion(params.name, params.version);
  }

  /** GET /registered-models/:name/aliases/:alias/history: every move of the alias, oldest first. */
  @Get(':name/aliases/:alias/history')
  @Access('read', IN_PROJECT)
  @Contract({
    summary: "An alias's history",
    tags: TAGS,
    params: ZAliasParams,
    responses: {
      200: { description: 'Moves oldest first; fromVersion null = created, toVersion null = deleted', schema: ZModelAliasHistory },
      400: badName,
      404: { description: 'No such registered model, or it never had this alias', schema: ZApiError },
    },
  })
  aliasHistory(@ValidParams() params: TAliasParams): Promise<TModelAliasHistory> {
    return this.registry.aliasHistory(params.name, params.alias);
  }

  /** GET /registered-models/:name/versions/:version/download: the version's export zip, as GET /models/:id/download. */
  @Get(':name/versions/:version/download')
  @Access('read', IN_PROJECT)
  @Contract({
    summary: 'Download a model version as a zip',
    tags: TAGS,
    params: ZVersionParams,
    responses: {
      200: { description: 'The zip, named <name>-v<version>.zip', contentType: 'application/zip' },
      400: badName,
      404: unknownName,
    },
  })
  async downloadVersion(@ValidParams() params: TVersionParams, @Res() response: Response): Promise<void> {
    sendZip(response, await this.registry.download({ name: params.name, version: params.version }));
  }

  /** GET /registered-models/:name/aliases/:alias/download: the zip of the version the alias points at now. */
  @Get(':name/aliases/:alias/download')
  @Access('read', IN_PROJECT)
  @Contract({
    summary: 'Download the version an alias points at',
    tags: TAGS,
    params: ZAliasParams,
    responses: {
      200: { description: 'The zip, named <name>-v<version>.zip', contentType: 'application/zip' },
      400: badName,
      404: unknownName,
    },
  })
  async downloadAlias(@ValidParams() params: TAliasParams, @Res() response: Response): Promise<void> {
    sendZip(response, await this.registry.download({ name: params.name, alias: params.alias }));
  }

  /** POST /registered-models/:name/versions/:version/predict: classifies one image with that version. */
  @Post(':name/versions/:version/predict')
  @Access('read', IN_PROJECT)
  @HttpCode(200)
  @UseInterceptors(PredictUploadInterceptor)
  @Contract({
    summary: 'Classify an image with a model version',
    description: PREDICT_DESCRIPTION,
    tags: TAGS,
    params: ZVersionParams,
    body: ZPredictRequest,
    responses: predictResponses,
  })
  predictVersion(@ValidParams() params: TVersionParams, @ValidPredictInput() input: PredictInput): Promise<TRegisteredPrediction> {
    return this.registry.predict({ name: params.name, version: params.version }, input);
  }

  /** POST /registered-models/:name/aliases/:alias/predict: classifies one image with the version the alias points at. */
  @Post(':name/aliases/:alias/predict')
  @Access('read', IN_PROJECT)
  @HttpCode(200)
  @UseInterceptors(PredictUploadInterceptor)
  @Contract({
    summary: 'Classify an image with the version an alias points at',
    description: PREDICT_DESCRIPTION,
    tags: TAGS,
    params: ZAliasParams,
    body: ZPredictRequest,
    responses: predictResponses,
  })
  predictAlias(@ValidParams() params: TAliasParams, @ValidPredictInput() input: PredictInput): Promise<TRegisteredPrediction> {
    return this.registry.predict({ name: params.name, alias: params.alias }, input);
  }
}

function sendZip(response: Response, { filename, content }: { filename: string; content: Uint8Array }): void {
  response.setHeader('Content-Type', 'application/zip');
  response.setHeader('Content-Disposition', contentDisposition(filename, { type: 'attachment' }));
  response.setHeader('Content-Length', String(content.byteLength));
  response.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
}
