'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { type TDatasetUploadField, type TDatasetWarning, ZImportDatasetFields } from '@atelier/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type FieldPath, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { isApiError } from '@/lib/api-client';
import { inProject } from '@/lib/project-scope';
import { browserDatasets, type DatasetsClient } from '@/lib/datasets-client';
import { queryKeys } from '@/lib/query-keys';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './datasets.module.css';
import { useProjectOr } from '@/components/auth/current-project';

type Format = 'csv' | 'idx';

const FILES: Record<Format, { field: TDatasetUploadField; label: string; hint: string; required: boolean }[]> = {
  csv: [
    {
      field: 'trainCsv',
      label: 'Train CSV',
      hint: 'label, then one column per pixel (0–255); header optional; .csv or .csv.gz',
      required: true,
    },
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

const UPLOAD_FIELDS = [
  'trainCsv',
  'testCsv',
  'trainImages',
  'trainLabels',
  'testImages',
  'testLabels',
] as const satisfies readonly TDatasetUploadField[];

/** The form as typed: text as strings, each file input's FileList (empty when nothing was chosen). */
type ImportFormValues = { format: Format; name: string; key: string; classNames: string; testFraction: string } & Partial<
  Record<TDatasetUploadField, FileList>
>;

const chosen = (files: FileList | undefined): File | undefined => files?.[0];
const hasTestFile = (values: Pick<ImportFormValues, 'format' | 'testCsv' | 'testImages'>) =>
  Boolean(chosen(values.format === 'csv' ? values.testCsv : values.testImages));

/**
 * The form's rule: the server's schema for the text fields (ZImportDatasetFields, so the two
 * cannot disagree), and the files the chosen format needs. Its output is what is sent: the text
 * fields as typed, without the test fraction when a test file is chosen, and the chosen files.
 */
const ZImportForm = z
  .object({
    format: z.enum(['csv', 'idx']),
    name: z.string(),
    key: z.string(),
    classNames: z.string(),
    testFraction: z.string(),
    ...Object.fromEntries(UPLOAD_FIELDS.map((field) => [field, z.custom<FileList>().optional()])),
  })
  .superRefine((values, context) => {
    const form = values as ImportFormValues;
    const fields = ZImportDatasetFields.safeParse(textFields(form));
    if (!fields.success)
      for (const issue of fields.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    for (const f of FILES[form.format]) {
      if (f.required && !chosen(form[f.field]))
        context.addIssue({ code: 'custom', path: [f.field], message: `Choose the ${f.label.toLowerCase()} file` });
    }
  })
  .transform((values) => {
    const form = values as ImportFormValues;
    const files = FILES[form.format].flatMap((f) => {
      const file = chosen(form[f.field]);
      return file ? [[f.field, file] as const] : [];
    });
    return { fields: textFields(form), files };
  });

type ImportRequest = z.output<typeof ZImportForm>;

/** The text fields as the server reads them: the test fraction only without a test file. */
function textFields(values: ImportFormValues): Record<string, string> {
  const fields: Record<string, string> = { key: values.key, name: values.name, classNames: values.classNames };
  if (!hasTestFile(values)) fields.testFraction = values.testFraction;
  return fields;
}

function formDataOf({ fields, files }: ImportRequest): FormData {
  const form = new FormData();
  // an empty field is left out: the server's default applies
  for (const [name, value] of Object.entries(fields)) if (value !== '') form.set(name, value);
  for (const [field, file] of files) form.set(field, file, file.name);
  return form;
}

/**
 * Upload form for POST /datasets/import (react-hook-form with the domain's schema). The files
 * are checked by the server only (it reads every row): its message, which names the file and
 * the line, is shown as it is, and an issue it names a field of is shown on that field.
 */
export function ImportForm({
  client = browserDatasets,
  project: fromUrl = null,
}: {
  client?: DatasetsClient;
  /** The URL's ?project (the page reads it). */
  project?: string | null;
}) {
  const router = useRouter();
  // the project picked in the header: the dataset is imported there (none: the API's default project)
  const project = useProjectOr(fromUrl);
  const queryClient = useQueryClient();
  const form = useForm<ImportFormValues, unknown, ImportRequest>({
    resolver: zodResolver(ZImportForm),
    defaultValues: { format: 'csv', name: '', key: '', classNames: '', testFraction: '0.15' },
  });
  const { control, formState, handleSubmit, register, setError, setValue, clearErrors } = form;
  const values = useWatch({ control }) as ImportFormValues;
  // the key follows the name until the user types one of their own
  const [keyEdited, setKeyEdited] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  // the server found data-quality warnings: nothing is stored until the user confirms this exact upload
  const [pending, setPending] = useState<{ warnings: TDatasetWarning[]; form: FormData } | null>(null);
  const [sending, setSending] = useState(false);
  const busy = sending || formState.isSubmitting;
  const errors = formState.errors;

  async function send(upload: FormData) {
    setSending(true);
    try {
      const result = await client.importDataset(upload, inProject({}, project));
      if (result.kind === 'imported') {
        // every list of datasets (the launch form's select among them) now lacks one
        void queryClient.invalidateQueries({ queryKey: queryKeys.datasets.all });
        router.push(`/datasets/${encodeURIComponent(result.dataset.key)}`);
        return;
      }
      setPending({ warnings: result.warnings, form: upload });
    } catch (error) {
      if (isApiError(error)) {
        for (const issue of error.issues ?? []) {
          const field = issue.path.split('.')[0];
          if (field && field in values) setError(field as FieldPath<ImportFormValues>, { type: 'server', message: issue.message });
        }
      }
      setServerError(isApiError(error) ? error.message : `The upload failed: ${(error as Error).message}`);
    }
    setSending(false);
  }

  async function confirm() {
    if (!pending) return;
    const upload = new FormData();
    for (const [name, value] of pending.form.entries()) upload.append(name, value);
    upload.set('acknowledgeWarnings', 'true');
    setPending(null);
    setServerError(null);
    await send(upload);
  }

  const onSubmit = handleSubmit(async (request) => {
    setServerError(null);
    setPending(null);
    await send(formDataOf(request));
  });

  const describedBy = (field: keyof ImportFormValues, hint?: string) =>
    [hint, errors[field] ? `${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const name = register('name', {
    onChange: (event: { target: { value: string } }) => {
      if (!keyEdited) setValue('key', slugify(event.target.value));
    },
  });
  const key = register('key', {
    onChange: () => setKeyEdited(true),
  });
  const format = register('format', { onChange: () => clearErrors() });

  return (
    <form
      className={`${cardStyles.card} ${fieldStyles.section} ${styles.importForm}`}
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="Import a dataset"
    >
      {serverError ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert" data-testid="import-error">
          <strong>The dataset was not imported.</strong> {serverError}
        </div>
      ) : null}
      {pending ? (
        <div
          className={`${alertStyles.alert} ${alertStyles.warn} stack ${styles.importWarnings}`}
          role="alert"
          data-testid="import-warnings"
        >
          <strong>
            The files are valid, but {pending.warnings.length === 1 ? 'this needs' : `these ${pending.warnings.length} things need`} a look
            before anything is stored:
          </strong>
          <ul>
            {pending.warnings.map((warning) => (
              <li key={warning.kind} data-kind={warning.kind}>
                {warning.message}
              </li>
            ))}
          </ul>
          <span>
            Nothing has been imported yet. If the data is what you meant, import it anyway: the warnings stay with the dataset and are shown
            wherever it is used.
          </span>
          <div className="toolbar">
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.primary}`}
              onClick={() => void confirm()}
              disabled={busy}
            >
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
          <input
            id="dataset-name"
            className={fieldStyles.input}
            maxLength={120}
            {...name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('name')}
          />
          <FieldError field="name" message={errors.name?.message} />
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor="dataset-key">Key</label>
          <input
            id="dataset-key"
            className={`${fieldStyles.input} mono`}
            maxLength={64}
            {...key}
            aria-invalid={errors.key ? true : undefined}
            aria-describedby={describedBy('key', 'dataset-key-hint')}
          />
          <span id="dataset-key-hint" className={fieldStyles.hint}>
            Used in URLs and experiments: lower-case letters, digits and dashes
          </span>
          <FieldError field="key" message={errors.key?.message} />
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
          placeholder="One per label, in label order: comma-separated or one per line. Default: 0, 1, 2, …"
          {...register('classNames')}
          aria-invalid={errors.classNames ? true : undefined}
          aria-describedby={describedBy('classNames')}
        />
        <FieldError field="classNames" message={errors.classNames?.message} />
      </div>
      <fieldset className={fieldStyles.field}>
        <legend>Format</legend>
        <div className={choiceStyles.segmented} role="radiogroup" aria-label="File format">
          <label>
            <input type="radio" value="csv" {...format} />
            CSV
          </label>
          <label>
            <input type="radio" value="idx" {...format} />
            IDX (MNIST format)
          </label>
        </div>
      </fieldset>
      <div className={fieldStyles.row}>
        {FILES[values.format].map((f) => (
          <div className={fieldStyles.field} key={f.field}>
            <label htmlFor={f.field}>
              {f.label} {f.required ? null : <span className="muted">(optional)</span>}
            </label>
            <input
              id={f.field}
              type="file"
              accept={values.format === 'csv' ? '.csv,.gz,text/csv' : undefined}
              {...register(f.field)}
              aria-invalid={errors[f.field] ? true : undefined}
              aria-describedby={describedBy(f.field, `${f.field}-hint`)}
            />
            <span id={`${f.field}-hint`} className={fieldStyles.hint}>
              {f.hint}
            </span>
            <FieldError field={f.field} message={errors[f.field]?.message} />
          </div>
        ))}
      </div>
      {hasTestFile(values) ? null : (
        <div className={`${fieldStyles.field} ${styles.testFraction}`}>
          <label htmlFor="dataset-test-fraction">Test fraction</label>
          <input
            id="dataset-test-fraction"
            className={fieldStyles.input}
            type="number"
            min={0}
            max={0.9}
            step={0.05}
            {...register('testFraction')}
            aria-invalid={errors.testFraction ? true : undefined}
            aria-describedby={describedBy('testFraction', 'dataset-test-fraction-hint')}
          />
          <span id="dataset-test-fraction-hint" className={fieldStyles.hint}>
            Held out from the train file, stratified by class, as the test split
          </span>
          <FieldError field="testFraction" message={errors.testFraction?.message} />
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
