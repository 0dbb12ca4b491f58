'use client';

import type { TArchitectureLayout, TArchitectureSummary, TLayerSpec } from '@atelier/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSettledValue } from '@/components/ui/use-settled-value';
import { browserApi, isApiError, type ApiClient } from '@/lib/api-client';
import { inProject } from '@/lib/project-scope';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { formatInteger } from '@/lib/format';
import tableStyles from '@/components/ui/table.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './experiment-form.module.css';

type LayerType = TLayerSpec['type'];

const DEFAULTS: Record<LayerType, TLayerSpec> = {
  conv2d: { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same' },
  maxPooling2d: { type: 'maxPooling2d', poolSize: 2 },
  averagePooling2d: { type: 'averagePooling2d', poolSize: 2 },
  dropout: { type: 'dropout', rate: 0.25 },
  batchNormalization: { type: 'batchNormalization' },
  flatten: { type: 'flatten' },
  dense: { type: 'dense', units: 64 },
};

const STARTER: TLayerSpec[] = [DEFAULTS.conv2d, DEFAULTS.maxPooling2d, DEFAULTS.flatten, DEFAULTS.dense];

type Check =
  { state: 'checking' } | { state: 'ok'; layout: TArchitectureLayout } | { state: 'error'; message: string; layer: number | null };

/** The layer index named by an API issue path such as "spec.layers[4]". */
function layerOf(path: string | undefined): number | null {
  const match = path?.match(/layers\[(\d+)\]/);
  return match ? Number(match[1]) : null;
}

/**
 * Define an architecture as a layer list; the server checks it (POST /architectures/summary) as
 * you type and shows each layer's output shape and parameters; saving stores it under a key.
 */
export function ArchitectureEditor({
  api = browserApi,
  project = null,
  onCreated,
}: {
  api?: ApiClient;
  /** Saved in this project (null: the API's default). */
  project?: string | null;
  onCreated: (architecture: TArchitectureSummary) => void;
}) {
  const [layers, setLayers] = useState<TLayerSpec[]>(STARTER);
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const specKey = JSON.stringify(layers);
  // the server checks the layers once typing pauses; a list checked before is answered from the cache
  const settledKey = useSettledValue(specKey, 300);
  const summary = useQuery({
    queryKey: queryKeys.architectures.summary(settledKey),
    queryFn: () => api.summarizeArchitecture({ spec: { kind: 'layers', layers: JSON.parse(settledKey) as TLayerSpec[] } }),
    retry: false,
    staleTime: Infinity,
  });
  const check: Check =
    settledKey !== specKey || summary.isPending
      ? { state: 'checking' }
      : summary.isError
        ? {
            state: 'error',
            message: errorMessage(summary.error) ?? 'unknown error',
            layer: layerOf(isApiError(summary.error) ? summary.error.issues?.[0]?.path : undefined),
          }
        : { state: 'ok', layout: summary.data };
  const client = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      api.createArchitecture(inProject({ key: key.trim(), name: name.trim() || key.trim(), spec: { kind: 'layers', layers } }, project)),
    onSuccess: (created) => {
      // the launch form's list of architectures now has one more
      void client.invalidateQueries({ queryKey: queryKeys.architectures.all });
      onCreated(created);
    },
  });
  const saving: { state: 'idle' } | { state: 'saving' } | { state: 'error'; message: string } | { state: 'saved'; key: string } =
    create.isPending
      ? { state: 'saving' }
      : create.isError
        ? { state: 'error', message: errorMessage(create.error) ?? 'unknown error' }
        : create.isSuccess
          ? { state: 'saved', key: create.data.key }
          : { state: 'idle' };

  const update = (index: number, layer: TLayerSpec) => setLayers((all) => all.map((l, i) => (i === index ? layer : l)));
  const move = (index: number, by: number) =>
    setLayers((all) => {
      const next = [...all];
      const [item] = next.splice(index, 1);
      if (!item) return all;
      next.splice(Math.max(0, Math.min(next.length, index + by)), 0, item);
      return next;
    });
  const save = () => create.mutate();

  const layout = check.state === 'ok' ? check.layout : null;
  return (
    <div className={`stack ${styles.editorStack}`} data-testid="architecture-editor">
      <ol className={styles.layerList} aria-label="Layers">
        {layers.map((layer, index) => (
          <li
            key={index}
            className={styles.layerRow}
            data-invalid={check.state === 'error' && check.layer === index ? true : undefined}
            style={check.state === 'error' && check.layer === index ? { borderColor: 'var(--color-danger)' } : undefined}
          >
            <span className="num muted">{index + 1}</span>
            <select
              className={fieldStyles.select}
              aria-label={`Layer ${index + 1} type`}
              value={layer.type}
              onChange={(e) => update(index, DEFAULTS[e.target.value as LayerType])}
            >
              {(Object.keys(DEFAULTS) as LayerType[]).map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
            <LayerFields layer={layer} index={index} onChange={(l) => update(index, l)} />
            <span className={`num muted ${styles.pushRight}`} data-testid="layer-shape">
              {layout?.layers[index]
                ? `${layout.layers[index].outputShape.join('×')} · ${formatInteger(layout.layers[index].parameterCount)} params`
                : ''}
            </span>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.small}`}
              onClick={() => move(index, -1)}
              disabled={index === 0}
              aria-label={`Move layer ${index + 1} up`}
            >
              ↑
            </button>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.small}`}
              onClick={() => move(index, 1)}
              disabled={index === layers.length - 1}
              aria-label={`Move layer ${index + 1} down`}
            >
              ↓
            </button>
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.small} ${buttonStyles.danger}`}
              onClick={() => setLayers((all) => all.filter((_, i) => i !== index))}
              aria-label={`Remove layer ${index + 1}`}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.small}`}
          onClick={() => setLayers((all) => [...all, DEFAULTS.dense])}
        >
          Add layer
        </button>
      </div>
      <div aria-live="polite" data-testid="architecture-summary">
        {check.state === 'checking' ? <p className={`muted ${styles.flush}`}>Checking with the server…</p> : null}
        {check.state === 'error' ? (
          <div className={`${alertStyles.alert} ${alertStyles.error} ${styles.flush}`} role="alert">
            {check.message}
          </div>
        ) : null}
        {layout ? (
          <div className={tableStyles.scroll}>
            <table className={`${tableStyles.table} ${tableStyles.compact}`}>
              <caption className="visually-hidden">Output shape and parameters of every layer</caption>
              <thead>
                <tr>
                  <th scope="col">Layer</th>
                  <th scope="col">Output shape</th>
                  <th scope="col" className="align-right">
                    Parameters
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td className="muted">input</td>
                  <td className="mono">{layout.inputShape.join('×')}</td>
                  <td className="align-right num">0</td>
                </tr>
                {layout.layers.map((l) => (
                  <tr key={l.index}>
                    <td>{l.output ? 'dense (softmax output, added)' : `${l.index + 1}. ${l.type}`}</td>
                    <td className="mono">{l.outputShape.join('×')}</td>
                    <td className="align-right num">{formatInteger(l.parameterCount)}</td>
                  </tr>
                ))}
                <tr className={tableStyles.summary}>
                  <td>Total</td>
                  <td className="muted">{formatInteger(layout.trainableParameterCount)} trainable</td>
                  <td className="align-right num" data-testid="architecture-total">
                    {formatInteger(layout.parameterCount)}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
      <div className={`${fieldStyles.row} ${styles.flushRow}`}>
        <div className={fieldStyles.field}>
          <label htmlFor="custom-key">Key</label>
          <input
            id="custom-key"
            className={`${fieldStyles.input} mono`}
            value={key}
            placeholder="e.g. my-cnn"
            onChange={(e) => setKey(e.target.value)}
          />
          <span className={fieldStyles.hint}>Lower-case letters, digits and dashes; must be new</span>
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor="custom-name">Display name</label>
          <input
            id="custom-name"
            className={fieldStyles.input}
            value={name}
            placeholder="My CNN"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      </div>
      <div className="toolbar">
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.primary}`}
          onClick={save}
          disabled={check.state !== 'ok' || !key.trim() || saving.state === 'saving'}
        >
          {saving.state === 'saving' ? 'Saving…' : 'Save and use this architecture'}
        </button>
        {saving.state === 'error' ? (
          <span className={fieldStyles.error} role="alert">
            {saving.message}
          </span>
        ) : null}
        {saving.state === 'saved' ? (
          <span className="muted" role="status">
            Saved as <span className="mono">{saving.key}</span> and selected.
          </span>
        ) : null}
      </div>
    </div>
  );
}

function NumberInput({
  label,
  value,
  onChange,
  step = 1,
  min,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number;
  min?: number;
}) {
  return (
    <input
      className={fieldStyles.input}
      type="number"
      aria-label={label}
      title={label}
      value={value}
      step={step}
      min={min}
      onChange={(e) => onChange(Number(e.target.value))}
    />
  );
}

function LayerFields({ layer, index, onChange }: { layer: TLayerSpec; index: number; onChange: (layer: TLayerSpec) => void }) {
  const n = index + 1;
  switch (layer.type) {
    case 'conv2d':
      return (
        <>
          <NumberInput label={`Layer ${n} filters`} value={layer.filters} min={1} onChange={(filters) => onChange({ ...layer, filters })} />
          <NumberInput
            label={`Layer ${n} kernel size`}
            value={Number(layer.kernelSize)}
            min={1}
            onChange={(kernelSize) => onChange({ ...layer, kernelSize })}
          />
          <PaddingSelect n={n} value={layer.padding ?? 'valid'} onChange={(padding) => onChange({ ...layer, padding })} />
        </>
      );
    case 'maxPooling2d':
    case 'averagePooling2d':
      return (
        <>
          <NumberInput
            label={`Layer ${n} pool size`}
            value={Number(layer.poolSize)}
            min={1}
            onChange={(poolSize) => onChange({ ...layer, poolSize })}
          />
          <PaddingSelect n={n} value={layer.padding ?? 'valid'} onChange={(padding) => onChange({ ...layer, padding })} />
        </>
      );
    case 'dropout':
      return (
        <NumberInput label={`Layer ${n} rate`} value={layer.rate} step={0.05} min={0} onChange={(rate) => onChange({ ...layer, rate })} />
      );
    case 'dense':
      return <NumberInput label={`Layer ${n} units`} value={layer.units} min={1} onChange={(units) => onChange({ ...layer, units })} />;
    default:
      return null;
  }
}

function PaddingSelect({ n, value, onChange }: { n: number; value: 'valid' | 'same'; onChange: (v: 'valid' | 'same') => void }) {
  return (
    <select
      className={fieldStyles.select}
      aria-label={`Layer ${n} padding`}
      value={value}
      onChange={(e) => onChange(e.target.value as 'valid' | 'same')}
    >
      <option value="valid">valid</option>
      <option value="same">same</option>
    </select>
  );
}
