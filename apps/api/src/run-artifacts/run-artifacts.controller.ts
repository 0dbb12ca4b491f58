import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type TRunArtifact, type TRunArtifactList, ZApiError, ZRunArtifact, ZRunArtifactList } from '@atelier/domain';
import { Contract, ValidParams, ValidQuery } from '../common/contract';
import { sendArtifact } from './artifact-download';
import { RunModelService } from './run-model.service';
import {
  type TArtifactUploadQuery,
  type TModelUploadQuery,
  ZArtifactUploadQuery,
  ZModelUploadQuery,
  ZRunArtifactParams,
  ZRunParams,
} from './run-artifacts.schemas';
import { RunArtifactsService } from './run-artifacts.service';
import { Access } from '../auth/access.decorator';

const UPLOAD_DESCRIPTION = `multipart/form-data with one or more file parts (any field name). Each file's artifact name is
the \`path\` text field sent just before it ("plots/roc.png"), or else the part's file name. Names are relative paths
within the run: no \`..\` segments, no leading \`/\`, at most 500 characters.

- The files stream to the artifact store (ATELIER_ARTIFACT_DIR) while their SHA-256 is computed; a file larger than
  ATELIER_ARTIFACT_MAX_BYTES is a **413** and nothing of the request is stored.
- A name the run already has is a **409** unless \`?overwrite=true\`, which replaces it (new id, old file removed).
- Finished runs take files too (as in MLflow: plots and reports are often made after training).
- All or nothing: one refused part and no file of the request is stored.

Example: \`curl -F path=plots/roc.png -F file=@roc.png -F file=@report.html <api>/runs/<id>/artifacts\``;

const MODEL_DESCRIPTION = `Exactly what \`model.save(tf.io.http('<api>/runs/<id>/model?dataset=fashion-mnist'))\` sends: the
multipart parts \`model.json\` (topology + weightsManifest) and \`model.weights.bin\`. The model becomes a model artifact
like a search's refit: the same export zip and model card, usable by GET /models/{id}, its download and its predict route.

- The dataset (class names and image size for the model card and for predictions) is \`?dataset=\`, a \`dataset\` form
  field, the run's \`dataset\` parameter, or the dataset of the run's search.
- **400** when model.json is not a layers model, when model.weights.bin's length differs from what the manifest
  describes (the message gives both), or when predictions could not work: the input must be [null, height, width, 1]
  of the dataset's images, the output [null, number of classes].
- **413** above ATELIER_MODEL_UPLOAD_MAX_BYTES. The artifact is named \`model\` unless \`?name=\`; a taken name is a
  **409** unless \`?overwrite=true\`.`;

@Controller('runs')
export class RunArtifactsController {
  constructor(
    private readonly artifacts: RunArtifactsService,
    private readonly models: RunModelService,
  ) {}

  /** POST /runs/:id/artifacts: stores the request's files under the run, all or nothing. */
  @Post(':id/artifacts')
  @Access('write', { resource: 'run' })
  @Contract({
    summary: 'Log files to a run',
    description: UPLOAD_DESCRIPTION,
    tags: ['runs'],
    params: ZRunParams,
    query: ZArtifactUploadQuery,
    responses: {
      201: { description: 'The stored artifacts, in the order of the request', schema: ZRunArtifactList },
      400: { description: 'A name is invalid or given twice, a field is unexpected, or the body is not multipart', schema: ZApiError },
      409: { description: 'The run already has an artifact of that name and overwrite was not asked', schema: ZApiError },
      413: { description: 'A file is larger than ATELIER_ARTIFACT_MAX_BYTES; nothing was stored', schema: ZApiError },
    },
  })
  upload(
    @ValidParams() params: { id: string },
    @ValidQuery() query: TArtifactUploadQuery,
    @Req() request: Request,
  ): Promise<TRunArtifactList> {
    return this.artifacts.upload(params.id, request, query.overwrite);
  }

  /** GET /runs/:id/artifacts: every artifact of the run (files and models), by name. */
  @Get(':id/artifacts')
  @Access('read', { resource: 'run' })
  @Contract({
    summary: "List a run's artifacts",
    tags: ['runs'],
    params: ZRunParams,
    responses: { 200: { description: 'Files and models of the run, by name', schema: ZRunArtifactList } },
  })
  list(@ValidParams() params: { id: string }): Promise<TRunArtifactList> {
    return this.artifacts.list(params.id);
  }

  /** GET /runs/:id/artifacts/:artifactId: the artifact's bytes, streamed, with ETag = SHA-256. */
  @Get(':id/artifacts/:artifactId')
  @Access('read', { resource: 'run' })
  @Contract({
    summary: 'Download an artifact of a run',
    description: 'Streams the file as uploaded (a model: its export zip). ETag is the SHA-256; If-None-Match and Range work.',
    tags: ['runs'],
    params: ZRunArtifactParams,
    responses: {
      200: { description: 'The bytes, with the Content-Type they were uploaded with', contentType: 'application/octet-stream' },
    },
  })
  async download(
    @ValidParams() params: { id: string; artifactId: string },
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await sendArtifact(request, response, await this.artifacts.download(params.id, params.artifactId));
  }

  /** POST /runs/:id/model: stores a TF.js layers model sent by tf.io.http as a model artifact of the run. */
  @Post(':id/model')
  @Access('write', { resource: 'run' })
  @Contract({
    summary: 'Upload a TF.js model from a run (tf.io.http)',
    description: MODEL_DESCRIPTION,
    tags: ['runs'],
    params: ZRunParams,
    query: ZModelUploadQuery,
    responses: {
      201: { description: 'The model artifact; its id works with /models/{id}', schema: ZRunArtifact },
      400: { description: 'Not a layers model, weights and manifest differ, no dataset, or predictions could not work', schema: ZApiError },
      409: { description: 'The run already has an artifact of that name and overwrite was not asked', schema: ZApiError },
      413: { description: 'The model is larger than ATELIER_MODEL_UPLOAD_MAX_BYTES', schema: ZApiError },
    },
  })
  uploadModel(
    @ValidParams() params: { id: string },
    @ValidQuery() query: TModelUploadQuery,
    @Req() request: Request,
  ): Promise<TRunArtifact> {
    return this.models.upload(params.id, request, query);
  }
}
