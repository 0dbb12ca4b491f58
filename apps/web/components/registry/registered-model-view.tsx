'use client';

import type { TModelVersion, TRegisteredModelDetail } from '@atelier/domain';
import Link from 'next/link';
import { ParentModelLink } from './parent-model-link';
import { useState } from 'react';
import { TryIt } from '@/components/trials/try-it';
import { Num } from '@/components/ui/num';
import { StatePanel } from '@/components/ui/state-panel';
import { browserApi, downloadUrls, type ApiClient } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './registry.module.css';
import { SetAliasForm } from './set-alias-form';
import { useRegisteredModel } from './use-registry';

interface RegisteredModelViewProps {
  initial: TRegisteredModelDetail;
  api?: ApiClient;
}

/** The parameters a version's run was trained with, short: "learningRate=0.001, optimizer=adam". */
function paramsText(version: TModelVersion): string {
  const params = Object.entries(version.run?.params ?? {});
  return params.map(([key, value]) => `${key}=${String(value)}`).join(', ');
}

/** One registered model: its versions with where they came from and how they scored, its aliases, and predictions by alias. */
export function RegisteredModelView({ initial, api = browserApi }: RegisteredModelViewProps) {
  const { data: model } = useRegisteredModel(initial, api);
  const project = model.project.slug;
  const versionNumbers = model.versions.map((v) => v.version);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{model.name}</h1>
          <p>{model.description || 'A registered model: numbered versions of stored models, and aliases that point at one of them.'}</p>
        </div>
      </div>
      <div className="stack">
        <section className={cardStyles.card} aria-labelledby="versions-title">
          <div className={cardStyles.header}>
            <h2 id="versions-title">Versions</h2>
          </div>
          {model.versions.length === 0 ? (
            <StatePanel title="No versions yet">
              Register a stored model under this name: use &quot;Register model&quot; on an experiment&apos;s best model, or POST
              /registered-models/
              {model.name}/versions.
            </StatePanel>
          ) : (
            <VersionsTable name={model.name} project={project} versions={model.versions} />
          )}
        </section>
        <section className={cardStyles.card} aria-labelledby="aliases-title">
          <div className={cardStyles.header}>
            <h2 id="aliases-title">Aliases</h2>
          </div>
          <div className={`${cardStyles.body} stack`}>
            {model.aliases.length === 0 ? (
              <p className={`muted ${styles.flush}`}>
                No aliases yet. An alias such as production names the version to serve, and can be moved.
              </p>
            ) : (
              <ul className={styles.aliases} data-testid="alias-list">
                {model.aliases.map((a) => (
                  <li key={a.alias} className={styles.alias} data-alias={a.alias} title={`Since ${formatDateTime(a.updatedAt)}`}>
                    {model.name}@{a.alias} → v{a.version}
                  </li>
                ))}
              </ul>
            )}
            {versionNumbers.length > 0 ? <SetAliasForm name={model.name} project={project} versions={versionNumbers} api={api} /> : null}
          </div>
        </section>
        {model.aliases.length > 0 ? <PredictByAlias model={model} api={api} /> : null}
      </div>
    </>
  );
}

function VersionsTable({ name, project, versions }: { name: string; project: string; versions: readonly TModelVersion[] }) {
  return (
    <div className={tableStyles.scroll}>
      <table className={tableStyles.table} data-testid="versions-table">
        <caption className="visually-hidden">Versions of {name}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Aliases</th>
            <th scope="col">Run</th>
            <th scope="col">Dataset</th>
            <th scope="col" className="align-right">
              Test accuracy
            </th>
            <th scope="col" className="align-right">
              CV accuracy
            </th>
            <th scope="col">Parameters</th>
            <th scope="col">Registered</th>
            <th scope="col">Download</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id} data-version={v.version}>
              <td className="num">v{v.version}</td>
              <td>
                <span className={styles.aliases}>
                  {v.aliases.map((alias) => (
                    <span key={alias} className={styles.alias}>
                      {alias}
                    </span>
                  ))}
                </span>
              </td>
              <td>
                {v.run ? (
                  <Link href={`/runs/${v.run.id}`}>
                    {v.run.experimentName} #{v.run.number}
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
                {v.model.parentModel ? (
                  <span className={`muted ${styles.lineage}`}>
                    fine-tuned from <ParentModelLink parent={v.model.parentModel} project={project} />
                  </span>
                ) : null}
              </td>
              <td>{v.dataset?.name ?? <span className="muted">—</span>}</td>
              <td className="align-right num" data-testid="version-test-accuracy">
                <Num value={v.card?.test?.accuracy ?? null} kind="percent" />
              </td>
              <td className="align-right num">
                <Num value={v.card?.crossValidation?.meanAccuracy ?? null} kind="percent" />
              </td>
              <td className={styles.params}>{paramsText(v) || '—'}</td>
              <td>{formatDateTime(v.createdAt)}</td>
              <td>
                <a href={downloadUrls.registeredModel({ name, version: v.version }, { project })} download>
                  {name}-v{v.version}.zip
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Try it" through an alias: the answer comes from whichever version the alias names when the image is sent. */
function PredictByAlias({ model, api }: { model: TRegisteredModelDetail; api: ApiClient }) {
  const [alias, setAlias] = useState(model.aliases[0]?.alias ?? '');
  const current = model.aliases.find((a) => a.alias === alias) ?? model.aliases[0];
  const version = model.versions.find((v) => v.version === current?.version);
  if (!current || !version) return null;
  return (
    <section className={cardStyles.card} aria-labelledby="predict-title">
      <div className={cardStyles.header}>
        <h2 id="predict-title">Predict by alias</h2>
      </div>
      <div className={`${cardStyles.body} stack`}>
        <label className={`${fieldStyles.field} ${styles.flush}`}>
          <span className={fieldStyles.label}>Alias</span>
          <select
            className={fieldStyles.select}
            value={current.alias}
            onChange={(e) => setAlias(e.target.value)}
            data-testid="predict-alias"
          >
            {model.aliases.map((a) => (
              <option key={a.alias} value={a.alias}>
                {model.name}@{a.alias} (v{a.version})
              </option>
            ))}
          </select>
        </label>
        <TryIt
          key={`${current.alias}:${current.version}`}
          modelId={version.model.id}
          api={api}
          predict={(input) => api.predictByReference({ name: model.name, alias: current.alias }, input, { project: model.project.slug })}
        />
      </div>
    </section>
  );
}
