'use client';

import { type TDatasetUploadField, type TDatasetWarning, ZImportDatasetFields } from '@atelier/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type SyntheticEvent, useState } from 'react';
import { isApiError } from '@/lib/api-client';
import { browserDatasets, type DatasetsClient } from '@/lib/datasets-client';
import { queryKeys } from '@/lib/query-keys';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';

type Format = 'csv' | 'idx';

const FILES: Record<Format, { field: TDatasetUploadField; label: string; hint: string; required: boolean }[]> = {
  csv: [
    { field: 'trainCsv', label: 'Train CSV', hint: 'label, then one column per pixel (0–255); header optional; .csv or .csv.gz', required: true },
    { field: 'testCsv', label: 'Test CSV', hint: 'same columns; leave empty to hold out part of the train file', required: false },
  ],
  idx: [
    { field: 'trainImages', label: 'Train images (IDX3)', hint: 'e.g. train-images-idx3-ubyte.gz', required: true },
    { field: 'trainLabels', label: 'Train labels (IDX1)', hint: 'e.g. train-labels-idx1-ubyte.gz', required: true },
    { field: 'testImages', label: 'Test images (IDX3)', hint: 'optional, with its labels', required: false },
    { field: 'testLabels', label: 'Test labels (IDX1)', hint: 'optional, with its images', required: false },
  ],
};

/** "My Digits v2" → "my-digits-v2": a key that passes the server's rule, until the user types their own. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/**
 * Upload form for POST /datasets/import. The text fields are checked with the same schema as
 * the server; the files are checked by the server only (it reads every row), and its message,
 * which names the file and the line, is shown as it is.
 */
export function ImportForm({ client = browserDatasets }: { client?: DatasetsClient }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<Format>('csv');
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [classNames, setClassNames] = useState('');
  const [testFraction, setTestFraction] = useState('0.15');
  const [files, setFiles] = useState<Partial<Record<TDatasetUploadField, File>>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  // the server found data-quality warnings: nothing is stored until the user confirms this exact upload
  const [pending, setPending] = useState<{ warnings: TDatasetWarning[]; form: FormData } | null>(null);
  const [busy, setBusy] = useState(false);

  const effectiveKey = keyEdited ? key : slugify(name);
  const hasTestFile = format === 'csv' ? Boolean(files.testCsv) : Boolean(files.testImages);

  async function send(form: FormData) {
    setBusy(true);
    try {
      const result = await client.importDataset(form);
      if (result.kind === 'imported') {
        // every list of datasets (the launch form's select among them) now lacks one
        void queryClient.invalidateQueries({ queryKey: queryKeys.datasets.all });
        router.push(`/datasets/${encodeURIComponent(result.dataset.key)}`);
        return;
      }
      setPending({ warnings: result.warnings, form });
    } catch (error) {
      setServerError(isApiError(error) ? error.message : `The upload failed: ${(error as Error).message}`);
    }
    setBusy(false);
  }

  async function confirm() {
    if (!pending) return;
    const form = new FormData();
    for (const [name, value] of pending.form.entries()) form.append(name, value);
    form.set('acknowledgeWarnings', 'true');
    setPending(null);
    setServerError(null);
    await send(form);
  }

  async function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    setServerError(null);
    setPending(null);
    const fields = { key: effectiveKey, name, classNames, ...(hasTestFile ? {} : { testFraction }) };
    const parsed = ZImportDatasetFields.safeParse(fields);
    const errors: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
    for (const f of FILES[format]) if (f.required && !files[f.field]) errors[f.field] = `Choose the ${f.label.toLowerCase()} file`;
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;

    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) if (value !== '') form.set(name, value);
    for (const f of FILES[format]) {
      const file = files[f.field];
      if (file) form.set(f.field, file, file.name);
    }
    await send(form);
  }

  const describedBy = (field: string, hint?: string) => [hint, fieldErrors[field] ? `${field}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <form className={`${cardStyles.card} ${fieldStyles.section}`} onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Import a dataset" style={{ maxWidth: 760 }}>
      {serverError ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert" data-testid="import-error">
          <strong>The dataset was not imported.</strong> {serverError}
        </div>
      ) : null}
      {pending ? (
        <div className={`${alertStyles.alert} ${alertStyles.warn} stack`} role="alert" data-testid="import-warnings" style={{ gap: 8 }}>
          <strong>
            The files are valid, but {pending.warnings.length === 1 ? 'this needs' : `these ${pending.warnings.length} things need`} a look before anything is
            stored:
          </strong>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {pending.warnings.map((warning) => (
              <li key={warning.kind} data-kind={warning.kind}>
                {warning.message}
              </li>
            ))}
          </ul>
          <span>Nothing has been imported yet. If the data is what you meant, import it anyway: the warnings stay with the dataset and are shown wherever it is used.</span>
          <div className="toolbar">
            <button type="button" className={`${buttonStyles.button} ${buttonStyles.primary}`} onClick={() => void confirm()} disabled={busy}>
              {busy ? 'Importing…' : 'Import anyway'}
            </button>
            <button type="button" className={buttonStyles.button} onClick={() => setPending(null)} disabled={busy}>
              Change the files
            </button>
          </div>
        </div>
      ) : null}
      <div className={fieldStyles.row}>
        <div className={fieldStyles.field}>
          <label htmlFor="dataset-name">Name</label>
          <input id="dataset-name" className={fieldStyles.input} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} aria-invalid={fieldErrors.name ? true : undefined} aria-describedby={describedBy('name')} />
          <FieldError field="name" message={fieldErrors.name} />
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor="dataset-key">Key</label>
          <input
            id="dataset-key"
            className={`${fieldStyles.input} mono`}
            value={effectiveKey}
            maxLength={64}
            onChange={(e) => {
              setKeyEdited(true);
              setKey(e.target.value);
            }}
            aria-invalid={fieldErrors.key ? true : undefined}
            aria-describedby={describedBy('key', 'dataset-key-hint')}
          />
          <span id="dataset-key-hint" className={fieldStyles.hint}>
            Used in URLs and experiments: lower-case letters, digits and dashes
          </span>
          <FieldError field="key" message={fieldErrors.key} />
        </div>
      </div>
      <div className={fieldStyles.field}>
        <label htmlFor="dataset-classes">
          Class names <span className="muted">(optional)</span>
        </label>
        <textarea
          id="dataset-classes"
          className={fieldStyles.textarea}
          rows={3}
          value={classNames}
          placeholder="One per label, in label order: comma-separated or one per line. Default: 0, 1, 2, …"
          onChange={(e) => setClassNames(e.target.value)}
          aria-invalid={fieldErrors.classNames ? true : undefined}
          aria-describedby={describedBy('classNames')}
        />
        <FieldError field="classNames" message={fieldErrors.classNames} />
      </div>
      <fieldset className={fieldStyles.field}>
        <legend>Format</legend>
        <div className={choiceStyles.segmented} role="radiogroup" aria-label="File format">
          <label>
            <input type="radio" name="format" value="csv" checked={format === 'csv'} onChange={() => setFormat('csv')} />
            CSV
          </label>
          <label>
            <input type="radio" name="format" value="idx" checked={format === 'idx'} onChange={() => setFormat('idx')} />
            IDX (MNIST format)
          </label>
        </div>
      </fieldset>
      <div className={fieldStyles.row}>
        {FILES[format].map((f) => (
          <div className={fieldStyles.field} key={f.field}>
            <label htmlFor={f.field}>
              {f.label} {f.required ? null : <span className="muted">(optional)</span>}
            </label>
            <input
              id={f.field}
              name={f.field}
              type="file"
              accept={format === 'csv' ? '.csv,.gz,text/csv' : undefined}
              aria-invalid={fieldErrors[f.field] ? true : undefined}
              aria-describedby={describedBy(f.field, `${f.field}-hint`)}
              onChange={(e) => setFiles((current) => ({ ...current, [f.field]: e.target.files?.[0] }))}
            />
            <span id={`${f.field}-hint`} className={fieldStyles.hint}>
              {f.hint}
            </span>
            <FieldError field={f.field} message={fieldErrors[f.field]} />
          </div>
        ))}
      </div>
      {hasTestFile ? null : (
        <div className={fieldStyles.field} style={{ maxWidth: 260 }}>
          <label htmlFor="dataset-test-fraction">Test fraction</label>
          <input
            id="dataset-test-fraction"
            className={fieldStyles.input}
            type="number"
            min={0}
            max={0.9}
            step={0.05}
            value={testFraction}
            onChange={(e) => setTestFraction(e.target.value)}
            aria-invalid={fieldErrors.testFraction ? true : undefined}
            aria-describedby={describedBy('testFraction', 'dataset-test-fraction-hint')}
          />
          <span id="dataset-test-fraction-hint" className={fieldStyles.hint}>
            Held out from the train file, stratified by class, as the test split
          </span>
          <FieldError field="testFraction" message={fieldErrors.testFraction} />
        </div>
      )}
      <button type="submit" className={`${buttonStyles.button} ${buttonStyles.primary}`} disabled={busy}>
        {busy ? 'Importing…' : 'Import dataset'}
      </button>
    </form>
  );
}

function FieldError({ field, message }: { field: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={`${field}-error`} className={fieldStyles.error} role="alert">
      {message}
    </span>
  );
}
