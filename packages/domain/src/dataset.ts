import { z } from 'zod';

export const BUILTIN_DATASET_KEYS = ['fashion-mnist', 'mnist'] as const;
export const ZBuiltinDatasetKey = z.enum(BUILTIN_DATASET_KEYS);
export type TBuiltinDatasetKey = z.infer<typeof ZBuiltinDatasetKey>;

const RESERVED_DATASET_KEYS: readonly string[] = ['import', 'new'];

/** Lower-case slug: builtin keys and imported datasets share this namespace. */
export const ZDatasetKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'dataset key must be lower-case letters, digits and dashes')
  // page and route names under /datasets/: a dataset with one of these keys could not be opened
  .refine((key) => !RESERVED_DATASET_KEYS.includes(key), { error: "dataset key must not be 'import' or 'new' (reserved)" });

export const ZDatasetKind = z.enum(['builtin', 'imported']);
export const ZDatasetFormat = z.enum(['idx', 'csv']);

// ---------------------------------------------------------------------------------------------
// Data-quality warnings: what makes a dataset train to a score nobody should trust. Found at
// import (the import waits for a confirmation), stored with the dataset, repeated wherever it is used.

export const DATASET_WARNING_KINDS = ['blank-images', 'single-class', 'empty-classes', 'duplicates', 'empty-test'] as const;
export const ZDatasetWarningKind = z.enum(DATASET_WARNING_KINDS);
export type TDatasetWarningKind = z.infer<typeof ZDatasetWarningKind>;

export const ZDatasetWarning = z
  .object({
    kind: ZDatasetWarningKind.describe(
      "'blank-images': images with every pixel the same; 'single-class': every image has one label; 'empty-classes': declared classes " +
        "without images; 'duplicates': many exact copies, or test images also in train; 'empty-test': nothing to test on",
    ),
    message: z.string().describe('What is wrong and why it matters, for a person'),
    count: z.number().int().min(0).describe('How many images (or classes, for empty-classes) it concerns'),
  })
  .meta({ id: 'DatasetWarning' });
export type TDatasetWarning = z.infer<typeof ZDatasetWarning>;

/** [height, width, channels] of a dataset's images, as stored with the dataset. */
export const ZImageShape = z.tuple([z.number().int(), z.number().int(), z.number().int()]);

export const ZDatasetSummary = z
  .object({
    id: z.string(),
    key: ZDatasetKey,
    name: z.string(),
    kind: ZDatasetKind,
    format: ZDatasetFormat,
    classNames: z.array(z.string()),
    trainSize: z.number().int(),
    testSize: z.number().int(),
    imageShape: ZImageShape,
    available: z.boolean().describe('Whether the files were found where the server looks for them'),
    warnings: z.array(ZDatasetWarning).describe('Data-quality warnings found at import and acknowledged then; empty for the builtins'),
    createdAt: z.string(),
  })
  .meta({ id: 'DatasetSummary' });
export type TDatasetSummary = z.infer<typeof ZDatasetSummary>;

// ---------------------------------------------------------------------------------------------
// Dataset explorer: what GET /datasets/:key and its sub-resources answer.

export const ZDatasetSplit = z.enum(['train', 'test']).describe("'train' or 'test'");
export type TDatasetSplit = z.infer<typeof ZDatasetSplit>;

/** Where an imported image came from in the uploaded files, so a user can find (and fix) the row. */
export const ZImageSource = z.object({
  file: z.string().describe('The uploaded file name'),
  line: z.number().int().min(1).nullable().describe('1-based line of a CSV file (the header counted); null for IDX'),
  record: z.number().int().min(0).describe('0-based image of the file, whatever its format'),
});
export type TImageSource = z.infer<typeof ZImageSource>;

export const ZImageRef = z.object({
  split: ZDatasetSplit,
  index: z.number().int().min(0).describe('0-based position in its split'),
  label: z.number().int().min(0),
  source: ZImageSource.nullable().describe('Imported datasets: the uploaded file and line it came from; null for the builtins'),
});
export type TImageRef = z.infer<typeof ZImageRef>;

export const ZDuplicateGroup = z.object({
  hash: z.string().describe('SHA-1 of the pixel bytes'),
  size: z.number().int().describe('How many images share these exact pixels'),
  crossSplit: z.boolean().describe('Members sit in both train and test'),
  conflictingLabels: z.boolean().describe('Identical pixels carry different labels'),
  members: z.array(ZImageRef).describe('The first members of the group (at most 8)'),
});
export type TDuplicateGroup = z.infer<typeof ZDuplicateGroup>;

export const ZDuplicateSummary = z.object({
  groupCount: z.number().int().describe('Groups of two or more images with identical pixels'),
  imagesInGroups: z.number().int(),
  redundantImages: z.number().int().describe('Images beyond the first of each group: how many could be removed'),
  crossSplitGroups: z.number().int(),
  testImagesSeenInTrain: z.number().int().describe('Test images whose exact pixels also occur in train'),
  conflictingLabelGroups: z.number().int(),
  examples: z
    .array(ZDuplicateGroup)
    .describe('The largest groups first (at most 12); conflicting-label groups are listed before the others'),
});
export type TDuplicateSummary = z.infer<typeof ZDuplicateSummary>;

export const ZSplitAnomalies = z.object({
  empty: z.number().int().describe('Images whose pixels are all zero'),
  constant: z.number().int().describe('Images whose pixels all have one non-zero value'),
  invalidLabel: z.number().int().describe('Labels outside 0..classes-1'),
  examples: z.array(z.number().int()).describe('Indices of the first affected images (at most 12)'),
});
export type TSplitAnomalies = z.infer<typeof ZSplitAnomalies>;

export const ZDatasetDetail = z
  .object({
    dataset: ZDatasetSummary,
    description: z.string().nullable().describe('What the dataset holds (builtins only)'),
    homepage: z.string().nullable(),
    classDistribution: z
      .object({ train: z.array(z.number().int()), test: z.array(z.number().int()) })
      .describe('Images per class, per split'),
    duplicates: ZDuplicateSummary,
    anomalies: z.object({ train: ZSplitAnomalies, test: ZSplitAnomalies }),
    source: z.string().describe('Where the server read the files from'),
    computedInMs: z.number().describe('How long the analysis took when it was first computed (it is cached afterwards)'),
  })
  .meta({ id: 'DatasetDetail' });
export type TDatasetDetail = z.infer<typeof ZDatasetDetail>;

export const ZDatasetMeanImages = z
  .object({
    split: ZDatasetSplit,
    height: z.number().int(),
    width: z.number().int(),
    classes: z.array(
      z.object({
        label: z.number().int(),
        name: z.string(),
        count: z.number().int().describe('Images averaged'),
        pixels: z.array(z.number()).describe('height × width mean intensities in [0, 1], row-major'),
      }),
    ),
  })
  .meta({ id: 'DatasetMeanImages' });
export type TDatasetMeanImages = z.infer<typeof ZDatasetMeanImages>;

export const ZDatasetCorrelation = z
  .object({
    split: ZDatasetSplit,
    measure: z.literal('correlation-ratio'),
    height: z.number().int(),
    width: z.number().int(),
    values: z.array(z.number()).describe('η per pixel in [0, 1], row-major'),
    max: z.number().describe('The largest η, for scaling a colour map'),
  })
  .meta({ id: 'DatasetCorrelation' });
export type TDatasetCorrelation = z.infer<typeof ZDatasetCorrelation>;

export const ZDatasetSample = z.object({
  index: z.number().int(),
  label: z.number().int(),
  className: z.string(),
  imagePath: z.string().describe('Path of the PNG, relative to the API root'),
});
export type TDatasetSample = z.infer<typeof ZDatasetSample>;

export const ZDatasetSamples = z
  .object({
    split: ZDatasetSplit,
    seed: z.number().int(),
    label: z.number().int().nullable().describe('The class sampled from, or null for the whole split'),
    total: z.number().int().describe('Images in the split (or in the class)'),
    items: z.array(ZDatasetSample),
  })
  .meta({ id: 'DatasetSamples' });
export type TDatasetSamples = z.infer<typeof ZDatasetSamples>;

// ---------------------------------------------------------------------------------------------
// Import: the text fields of POST /datasets/import (multipart/form-data, beside the files).

/** Class names as a form sends them: a JSON array, or one name per line, or comma-separated. */
export const ZClassNamesField = z
  .string()
  .transform((raw) => {
    const text = raw.trim();
    if (text === '') return undefined;
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map((name) => String(name).trim());
      } catch {
        // fall through: treated as a list
      }
    }
    return text.split(/\r?\n|,/).map((name) => name.trim());
  })
  .pipe(
    z
      .array(z.string().min(1, 'a class name is empty').max(64, 'a class name is longer than 64 characters'))
      .min(2, 'give at least two class names')
      .max(256, 'at most 256 classes (labels are bytes)')
      .refine((names) => new Set(names).size === names.length, 'class names must be unique')
      .optional(),
  );

export const ZImportDatasetFields = z
  .object({
    key: ZDatasetKey.describe('Slug for URLs and experiments, e.g. "my-digits"'),
    name: z.string().trim().min(1, 'name is required').max(120).describe('Display name'),
    classNames: ZClassNamesField.optional().describe(
      'One name per label, in label order: a JSON array, one per line, or comma-separated. Default: "0".."n-1"',
    ),
    testFraction: z.coerce
      .number()
      .min(0)
      .max(0.9, 'testFraction must be at most 0.9')
      .optional()
      .describe('With a single train file: the fraction held out (stratified, seeded) as the test split. Default 1/7'),
    seed: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .describe('Seed of that holdout. Default 0'),
    acknowledgeWarnings: z
      .enum(['true', 'false'], { error: "acknowledgeWarnings must be 'true' or 'false'" })
      .optional()
      .transform((value) => value === 'true')
      .describe(
        "'true' to import despite data-quality warnings (blank images, a single class, empty classes, heavy duplication). " +
          'Without it, a dataset with warnings is answered 422 with the warnings and nothing is stored',
      ),
  })
  .meta({ id: 'ImportDatasetFields' });
export type TImportDatasetFields = z.output<typeof ZImportDatasetFields>;

/** POST /datasets/import's 422: the files are valid, but the dataset has warnings the user has not acknowledged yet. */
export const ZDatasetImportNeedsConfirmation = z
  .object({
    statusCode: z.literal(422),
    error: z.literal('unconfirmed_warnings'),
    message: z.string().describe('The warnings in one sentence, and how to import anyway'),
    warnings: z.array(ZDatasetWarning).min(1),
  })
  .meta({ id: 'DatasetImportNeedsConfirmation' });
export type TDatasetImportNeedsConfirmation = z.infer<typeof ZDatasetImportNeedsConfirmation>;

/** The file fields of POST /datasets/import: CSV (train, optional test) or IDX (images + labels per split). */
export const DATASET_UPLOAD_FIELDS = ['trainCsv', 'testCsv', 'trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;
export type TDatasetUploadField = (typeof DATASET_UPLOAD_FIELDS)[number];

// ---------------------------------------------------------------------------------------------
// Storage: the manifest beside an imported dataset's normalised files (<data dir>/datasets/<key>/).

export const ZStoredDatasetFile = z.object({
  name: z.string().describe('File name inside the dataset directory'),
  md5: z.string().regex(/^[0-9a-f]{32}$/),
  bytes: z.number().int().min(0),
});

/** The uploaded file a stored split came from, and which of its rows each stored image is. */
export const ZSplitOrigin = z.object({
  file: z.string().describe('The uploaded file name'),
  firstLine: z.number().int().min(1).nullable().describe("CSV: the file's line of its first data row (2 after a header); null for IDX"),
  rows: z
    .array(z.number().int().min(0))
    .nullable()
    .describe("The file's row (0-based image) of each stored image, in order; null when they are in file order"),
});
export type TSplitOrigin = z.infer<typeof ZSplitOrigin>;

/** The file and line of a stored image, from its split's origin. */
export function imageSource(origin: TSplitOrigin, index: number): TImageSource {
  const record = origin.rows ? (origin.rows[index] ?? index) : index;
  return { file: origin.file, line: origin.firstLine === null ? null : origin.firstLine + record, record };
}

export const ZStoredDatasetManifest = z.object({
  version: z.literal(1),
  key: ZDatasetKey,
  name: z.string(),
  classNames: z.array(z.string()).min(1),
  trainSize: z.number().int().min(0),
  testSize: z.number().int().min(0),
  imageShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.literal(1)]),
  files: z.object({
    trainImages: ZStoredDatasetFile,
    trainLabels: ZStoredDatasetFile,
    testImages: ZStoredDatasetFile,
    testLabels: ZStoredDatasetFile,
  }),
  source: z.object({
    format: ZDatasetFormat,
    files: z.array(z.string()).describe('The uploaded file names'),
    testFraction: z.number().nullable().describe('Held-out fraction when no test file was given'),
    origins: z
      .object({ train: ZSplitOrigin, test: ZSplitOrigin })
      .optional()
      .describe('Where each stored image came from; absent in manifests written before it was recorded'),
  }),
  importedAt: z.string(),
});
export type TStoredDatasetManifest = z.infer<typeof ZStoredDatasetManifest>;
