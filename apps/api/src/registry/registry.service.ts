import { Injectable } from '@nestjs/common';
import type {
  TCreateModelVersionRequest,
  TCreateRegisteredModelRequest,
  TModelAlias,
  TModelAliasHistory,
  TModelVersion,
  TRegisteredModelDetail,
  TRegisteredModelList,
  TRegisteredModelSummary,
  TRegisteredPrediction,
  TSetModelAliasRequest,
} from '@atelier/domain';
import { parseBaseModelReference, ZCreateRegisteredModelRequest } from '@atelier/domain';
import { badRequest, conflict, notFound } from '../common/api-exception';
import { ModelsService } from '../models/models.service';
import type { PredictInput } from '../models/predict-input';
import { toModelAlias, toModelVersion, toRegisteredModelSummary } from './registry.mapper';
import { RegisteredModelNameTakenError, RegistryRepository } from './registry.repository';

/** A version named by number or by alias: `name/version` or `name@alias`. */
export type VersionRef = { name: string; version: number } | { name: string; alias: string };

/**
 * The model registry's rules: names are unique per project, versions are numbered from 1 per
 * name in the order they were registered, an alias points at one version of its own model and
 * every move is recorded. Downloads and predictions resolve a reference to a stored model and
 * hand it to ModelsService, so a registered model answers exactly as GET/POST /models/:id do.
 */
@Injectable()
export class RegistryService {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly models: ModelsService,
  ) {}

  async create(projectId: string, request: TCreateRegisteredModelRequest): Promise<TRegisteredModelSummary> {
    const { name, description } = ZCreateRegisteredModelRequest.parse(request);
    try {
      return toRegisteredModelSummary(await this.registry.create(projectId, name, description));
    } catch (error) {
      if (error instanceof RegisteredModelNameTakenError) {
        throw conflict(
          `A registered model named '${name}' already exists: register a new version under it (POST /registered-models/${name}/versions) or choose another name.`,
        );
      }
      throw error;
    }
  }

  async list(projectIds: readonly string[] | null): Promise<TRegisteredModelList> {
    return { items: (await this.registry.list(projectIds)).map(toRegisteredModelSummary) };
  }

  async get(projectId: string, name: string): Promise<TRegisteredModelDetail> {
    const summary = await this.registry.findSummary(projectId, name);
    if (!summary) throw this.unknown(name);
    const versions = await this.registry.versions(summary.id);
    return { ...toRegisteredModelSummary(summary), versions: versions.map((v) => toModelVersion(name, v)) };
  }

  /** Registers a stored model (or a run's one model) as the next version. */
  async addVersion(projectId: string, name: string, request: TCreateModelVersionRequest): Promise<TModelVersion> {
    const registered = await this.requireModel(projectId, name);
    let model: { id: string; trialId: string | null };
    if ('modelId' in request) {
      const found = await this.registry.findModel(request.modelId);
      if (!found)
        throw notFound(
          `Model '${request.modelId}' not found: register a stored model (GET /models/{id}), e.g. a search's refit or a model a run uploaded.`,
        );
      model = found;
    } else {
      const run = await this.registry.findRunModels(request.runId);
      if (!run) throw notFound(`Run '${request.runId}' not found.`);
      const [only, ...others] = run.models;
      if (!only) {
        throw conflict(
          `Run '${run.id}' has no stored model: refit it (POST /trials/${run.id}/refit) or upload one from the script (model.save(tf.io.http('<api>/runs/${run.id}/model'))), then register again.`,
        );
      }
      if (others.length > 0) {
        const listed = run.models.map((m) => `${m.name ?? 'refit'} (${m.id})`).join(', ');
        throw conflict(`Run '${run.id}' has ${run.models.length} stored models: ${listed}. Register one by { modelId }.`);
      }
      model = { id: only.id, trialId: run.id };
    }
    // A version publishes a model of the registered model's own project only.
    if ((await this.registry.modelProjectId(model.id)) !== projectId) {
      throw notFound('modelId' in request ? `Model '${request.modelId}' not found.` : `Run '${request.runId}' not found.`);
    }
    return toModelVersion(name, await this.registry.addVersion(registered.id, model.id, model.trialId));
  }

  /** Points an alias at a version of the same registered model and records the move. */
  async setAlias(projectId: string, name: string, alias: string, request: TSetModelAliasRequest): Promise<TModelAlias> {
    const registered = await this.requireModel(projectId, name);
    let target;
    if ('versionId' in request) {
      target = await this.registry.findVersionById(request.versionId);
      if (!target) throw notFound(`Model version '${request.versionId}' not found.`);
      if (target.registeredModelId !== registered.id) {
        throw badRequest(
          `Version '${request.versionId}' belongs to another registered model: an alias of '${name}' can only point at a version of '${name}'.`,
        );
      }
    } else {
      target = await this.registry.findVersionByNumber(registered.id, request.version);
      if (!target) throw notFound(`'${name}' has no version ${request.version}: ${await this.versionsHint(projectId, name)}`);
    }
    return toModelAlias(await this.registry.setAlias(registered.id, alias, target));
  }

  async deleteAlias(projectId: string, name: string, alias: string): Promise<void> {
    const registered = await this.requireModel(projectId, name);
    if (!(await this.registry.deleteAlias(registered.id, alias))) throw notFound(`'${name}' has no alias '${alias}'.`);
  }

  /**
   * Unpublishes a version: its number is never handed out again, and the stored model stays with
   * its run. Refused (409) while an alias serves it, since deleting it would break the alias.
   */
  async deleteVersion(projectId: string, name: string, version: number): Promise<void> {
    const registered = await this.requireModel(projectId, name);
    const outcome = await this.registry.deleteVersion(registered.id, version);
    if (outcome === 'missing') throw notFound(`'${name}' has no version ${version}: ${await this.versionsHint(projectId, name)}`);
    if (outcome !== 'deleted') {
      const aliases = outcome.aliased.map((alias) => `'${alias}'`).join(', ');
      throw conflict(
        `Version ${version} of '${name}' is what ${aliases} ${outcome.aliased.length === 1 ? 'points' : 'point'} at: move or delete ${outcome.aliased.length === 1 ? 'that alias' : 'those aliases'} first.`,
      );
    }
  }

  async aliasHistory(projectId: string, name: string, alias: string): Promise<TModelAliasHistory> {
    const registered = await this.requireModel(projectId, name);
    const events = await this.registry.aliasHistory(registered.id, alias);
    if (events.length === 0) throw notFound(`'${name}' has never had an alias '${alias}'.`);
    return {
      name,
      alias,
      items: events.map((e) => ({ alias: e.alias, fromVersion: e.fromVersion, toVersion: e.toVersion, at: e.at.toISOString() })),
    };
  }

  async download(projectId: string, ref: VersionRef): Promise<{ filename: string; content: Uint8Array }> {
    const resolved = await this.resolve(projectId, ref);
    const { content } = await this.models.download(resolved.artifactId);
    return { filename: `${ref.name}-v${resolved.version}.zip`, content };
  }

  async predict(projectId: string, ref: VersionRef, input: PredictInput): Promise<TRegisteredPrediction> {
    const resolved = await this.resolve(projectId, ref);
    const { modelId, predictions } = await this.models.predict(resolved.artifactId, input);
    return { modelId, name: ref.name, version: resolved.version, alias: 'alias' in ref ? ref.alias : null, predictions };
  }

  /**
   * The stored model a fine-tune's baseModel names: a model id as it is (404 when no stored
   * model has it), a registered version or alias resolved to its version now, so the experiment
   * records what it actually trains from ('name/version') even if the alias moves later.
   */
  async resolveBaseModel(projectId: string, text: string): Promise<{ id: string; reference: string | null }> {
    const parsed = parseBaseModelReference(text);
    if (parsed.kind === 'model') {
      const found = await this.registry.findModel(parsed.modelId);
      // a model of a project the experiment is not in is as good as absent (its id says nothing)
      if (!found || (await this.registry.modelProjectId(found.id)) !== projectId)
        throw notFound(
          `baseModel: no stored model has the id '${parsed.modelId}': name a search's refit, a model a run uploaded (GET /models/{id}), or a registered version (name@alias, name/version).`,
        );
      return { id: found.id, reference: null };
    }
    const ref = parsed.reference;
    const resolved = await this.resolve(
      projectId,
      ref.alias !== undefined ? { name: ref.name, alias: ref.alias } : { name: ref.name, version: ref.version },
    );
    return { id: resolved.artifactId, reference: `${ref.name}/${resolved.version}` };
  }

  /** The stored model a reference names now. */
  private async resolve(projectId: string, ref: VersionRef): Promise<{ artifactId: string; version: number }> {
    const registered = await this.requireModel(projectId, ref.name);
    if ('alias' in ref) {
      const resolved = await this.registry.resolveAlias(registered.id, ref.alias);
      if (!resolved)
        throw notFound(
          `'${ref.name}' has no alias '${ref.alias}': set it with PUT /registered-models/${ref.name}/aliases/${ref.alias} { version }.`,
        );
      return resolved;
    }
    const version = await this.registry.findVersionByNumber(registered.id, ref.version);
    if (!version) throw notFound(`'${ref.name}' has no version ${ref.version}: ${await this.versionsHint(projectId, ref.name)}`);
    return { artifactId: version.artifactId, version: version.version };
  }

  private async requireModel(projectId: string, name: string): Promise<{ id: string }> {
    const found = await this.registry.findId(projectId, name);
    if (!found) throw this.unknown(name);
    return found;
  }

  private unknown(name: string) {
    return notFound(`No registered model named '${name}': create it with POST /registered-models { name: '${name}' }.`);
  }

  private async versionsHint(projectId: string, name: string): Promise<string> {
    const summary = await this.registry.findSummary(projectId, name);
    const last = summary?.lastVersion ?? 0;
    return last === 0 ? 'it has no versions yet.' : `its versions are 1 to ${last}.`;
  }
}
