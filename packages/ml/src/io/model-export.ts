import * as tf from '@tensorflow/tfjs';
import { HYPERPARAMETER_NAMES, hyperparameterDefinition, type THyperparameters } from '@atelier/domain';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { deserializeModel, MODEL_JSON_FILE, serializeModel, WEIGHTS_FILE, type SerializedModel } from './model-io';

/**
 * A downloadable model: one zip holding the TF.js layers files (model.json + weights.bin,
 * loadable by tf.loadLayersModel once extracted), the model card as JSON for programs and as
 * README.md for people. fflate writes the zip: small, pure JS, and widely used.
 */

export const MODEL_CARD_FILE = 'model-card.json';
export const README_FILE = 'README.md';
export const MODEL_CARD_FORMAT = 'atelier-model-card/1';

export interface ModelCardScores {
  accuracy: number;
  loss: number | null;
  macroF1?: number;
}

export interface ModelCard {
  format: typeof MODEL_CARD_FORMAT;
  /** A title, e.g. "cnn-a on Fashion-MNIST". */
  name: string;
  /** Architecture key, e.g. "cnn-a". */
  architecture: string;
  parameterCount?: number;
  dataset: {
    key: string;
    name: string;
    /** Images the model was trained on. */
    trainImages?: number;
    testImages?: number;
  };
  /** Output index i is the probability of classNames[i]. */
  classNames: string[];
  preprocessing: {
    height: number;
    width: number;
    channels: 1;
    /** How a 0..255 pixel becomes an input value. */
    scaling: 'divide-by-255';
  };
  /** Input tensor shape, batch first: [null, height, width, channels]. */
  inputShape: [null, number, number, number];
  /** A search's hyperparameters; null for a model uploaded by a run logged from code (see `params`). */
  hyperparameters: THyperparameters | null;
  /** The parameters a run logged from code recorded (flat, as in GET /runs/:id), when there are no hyperparameters. */
  params?: Record<string, string | number | boolean>;
  /** Cross-validation of the trial this model refits; null when there was none. */
  crossValidation: {
    folds: number;
    meanAccuracy: number;
    stdAccuracy: number | null;
    meanLoss: number | null;
  } | null;
  /** The exported model on the held-out test split; null when not evaluated. */
  test: ModelCardScores | null;
  /** Backend label of the training run, e.g. "wasm (tfjs 4.22.0, SIMD)". */
  backend: string;
  /** ISO 8601 time the model was trained or exported. */
  createdAt: string;
  seed?: number;
  experimentId?: string;
  trialId?: string;
  /** The model this one was fine-tuned from: its id and the registered version it was named by ('fashion/2'), if any. */
  parentModel?: { id: string; reference: string | null };
}

export type ModelCardInput = Omit<ModelCard, 'format' | 'preprocessing' | 'inputShape'> & {
  /** Defaults to Atelier's 28×28 grayscale. */
  imageSize?: { height: number; width: number };
};

export class ModelZipError extends Error {
  override name = 'ModelZipError';
}

/** Fills in the fixed parts of a card: Atelier's models take 28×28 grayscale scaled to [0,1]. */
export function makeModelCard(input: ModelCardInput): ModelCard {
  const { imageSize, ...rest } = input;
  const height = imageSize?.height ?? 28;
  const width = imageSize?.width ?? 28;
  return {
    format: MODEL_CARD_FORMAT,
    ...rest,
    preprocessing: { height, width, channels: 1, scaling: 'divide-by-255' },
    inputShape: [null, height, width, 1],
  };
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;
const fixed = (value: number | null | undefined, digits = 4) => (value === null || value === undefined ? '—' : value.toFixed(digits));
const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * What a card's Markdown says about the files it travels with and how to run them: the TF.js
 * zip's by default; the ONNX export passes its own (see onnx/onnx-export.ts).
 */
export interface ModelCardExportSections {
  /** The "Files" list, one Markdown line per file. */
  files: string[];
  /** The usage section, heading included. */
  usage: (card: ModelCard) => string[];
}

export const TFJS_ZIP_SECTIONS: ModelCardExportSections = {
  files: [
    `- \`${MODEL_JSON_FILE}\`, \`${WEIGHTS_FILE}\`: the model in the TensorFlow.js layers format`,
    `- \`${MODEL_CARD_FILE}\`: this card as JSON`,
  ],
  usage: tfjsUsage,
};

/** The model card for people: what the model is, how well it does, and how to use it. */
export function renderModelCardMarkdown(card: ModelCard, sections: ModelCardExportSections = TFJS_ZIP_SECTIONS): string {
  const { height, width } = card.preprocessing;
  const lines: string[] = [
    `# ${card.name}`,
    '',
    `An image classifier trained with Atelier: architecture \`${card.architecture}\`` +
      (card.parameterCount !== undefined ? ` (${card.parameterCount.toLocaleString('en-US')} parameters)` : '') +
      `, ${card.classNames.length} classes, trained on ${card.dataset.name}.`,
    '',
    '## Files',
    '',
    ...sections.files,
    '',
    '## Dataset',
    '',
    `- ${card.dataset.name} (\`${card.dataset.key}\`)`,
  ];
  if (card.dataset.trainImages !== undefined) lines.push(`- Training images: ${card.dataset.trainImages.toLocaleString('en-US')}`);
  if (card.dataset.testImages !== undefined) lines.push(`- Test images: ${card.dataset.testImages.toLocaleString('en-US')}`);
  lines.push('', '## Classes', '', '| Output index | Class |', '|---:|---|');
  card.classNames.forEach((name, i) => lines.push(`| ${i} | ${escapeCell(name)} |`));
  lines.push(
    '',
    '## Input and preprocessing',
    '',
    `- Input shape: \`[${card.inputShape.map((d) => (d === null ? 'batch' : d)).join(', ')}]\` (batch, height, width, channels)`,
    `- One ${height}×${width} grayscale image per example, row by row; colour images must be converted to grayscale first`,
    '- Pixel values scaled to [0, 1]: divide each 0..255 value by 255',
    '- Output: one probability per class (softmax), in the order of the table above',
    '',
  );
  lines.push(...parameterTable(card));
  if (card.seed !== undefined) lines.push(`| seed | ${card.seed} |`);
  lines.push('', '## Scores', '');
  const cv = card.crossValidation;
  if (cv) {
    lines.push(
      `- Cross-validation (${cv.folds} folds): mean accuracy ${percent(cv.meanAccuracy)}` +
        (cv.stdAccuracy !== null ? ` ± ${percent(cv.stdAccuracy)} (standard deviation over folds)` : '') +
        (cv.meanLoss !== null ? `, mean loss ${fixed(cv.meanLoss)}` : ''),
    );
  } else {
    lines.push('- Cross-validation: none');
  }
  const test = card.test;
  if (test) {
    lines.push(
      `- Test set: accuracy ${percent(test.accuracy)}, loss ${fixed(test.loss)}` +
        (test.macroF1 !== undefined ? `, macro F1 ${fixed(test.macroF1)}` : ''),
    );
  } else {
    lines.push('- Test set: not evaluated');
  }
  lines.push('', '## Provenance', '', `- Trained on backend: ${card.backend}`, `- Date: ${card.createdAt}`);
  if (card.experimentId) lines.push(`- Experiment: ${card.experimentId}`);
  if (card.trialId) lines.push(`- Trial: ${card.trialId}`);
  if (card.parentModel) {
    const { id, reference } = card.parentModel;
    lines.push(`- Fine-tuned from: ${reference ? `${reference} (model ${id})` : `model ${id}`}`);
  }
  lines.push('', ...sections.usage(card));
  return lines.join('\n');
}

function tfjsUsage(card: ModelCard): string[] {
  const { height, width } = card.preprocessing;
  const classList = JSON.stringify(card.classNames);
  return [
    '## Using the model with TensorFlow.js',
    '',
    'Serve the extracted folder over HTTP (browser) or load it from disk (Node.js with `@tensorflow/tfjs-node`):',
    '',
    '```js',
    "import * as tf from '@tensorflow/tfjs';",
    '',
    `const model = await tf.loadLayersModel('https://example.com/my-model/${MODEL_JSON_FILE}');`,
    `// Node.js with @tensorflow/tfjs-node: tf.loadLayersModel('file://path/to/my-model/${MODEL_JSON_FILE}')`,
    '',
    `const classNames = ${classList};`,
    '',
    `// pixels: ${height * width} grayscale values 0..255, row by row`,
    'function classify(pixels) {',
    '  return tf.tidy(() => {',
    `    const x = tf.tensor(pixels, [1, ${height}, ${width}, 1]).div(255);`,
    '    const probabilities = model.predict(x).dataSync();',
    '    const best = probabilities.indexOf(Math.max(...probabilities));',
    '    return { className: classNames[best], probability: probabilities[best] };',
    '  });',
    '}',
    '```',
    '',
    `From an image element in the browser: \`tf.browser.fromPixels(img, 1).resizeBilinear([${height}, ${width}]).toFloat().div(255).expandDims(0)\`.`,
    '',
  ];
}

/** The hyperparameters of a search's model, or the parameters a run logged. */
function parameterTable(card: ModelCard): string[] {
  const hp = card.hyperparameters;
  if (hp) {
    return [
      '## Hyperparameters',
      '',
      '| Hyperparameter | Value |',
      '|---|---|',
      // what the trial recorded, in registry order; one it does not hold trained with its default
      ...HYPERPARAMETER_NAMES.filter((name) => hp[name] !== undefined).map((name) => {
        const { label, unit } = hyperparameterDefinition(name);
        return `| ${label.toLowerCase()} | ${escapeCell(String(hp[name]))}${unit ? ` ${unit}` : ''} |`;
      }),
    ];
  }
  const params = Object.entries(card.params ?? {});
  if (params.length === 0) return ['## Parameters', '', 'None recorded.'];
  return [
    '## Parameters',
    '',
    '| Parameter | Value |',
    '|---|---|',
    ...params.map(([key, value]) => `| ${escapeCell(key)} | ${escapeCell(String(value))} |`),
  ];
}

/** The card may come from a zip or a JavaScript caller, so its fields are checked, not trusted. */
function validateCard(card: Partial<ModelCard>): asserts card is ModelCard {
  if (card.format !== MODEL_CARD_FORMAT)
    throw new ModelZipError(`the model card's format is ${JSON.stringify(card.format)}, expected "${MODEL_CARD_FORMAT}"`);
  if (!Array.isArray(card.classNames) || card.classNames.length < 2 || !card.classNames.every((c) => typeof c === 'string')) {
    throw new ModelZipError('the model card needs classNames: at least two class names, as strings');
  }
}

function outputUnits(model: tf.LayersModel): number | null {
  const shape = model.outputs[0]?.shape;
  return shape ? (shape[shape.length - 1] ?? null) : null;
}

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/** Bytes of weight data model.json's manifest describes, or null when it cannot tell (string weights). */
export function expectedWeightBytes(modelJson: Partial<tf.io.ModelJSON>): number | null {
  let total = 0;
  for (const spec of (modelJson.weightsManifest ?? []).flatMap((group) => group.weights)) {
    const bytes = BYTES_PER_VALUE[spec.quantization?.dtype ?? spec.dtype];
    if (bytes === undefined) return null;
    total += bytes * spec.shape.reduce((n, d) => n * d, 1);
  }
  return total;
}

/** A zip time stamp: the card's date, so the same model and card always give the same bytes. */
function zipTime(card: ModelCard): Date {
  const date = new Date(card.createdAt);
  // Zip stores DOS times, which start in 1980.
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1980 ? new Date('1980-01-01T00:00:00Z') : date;
}

export type ModelZipSource = ({ model: tf.LayersModel; serialized?: never } | { serialized: SerializedModel; model?: never }) & {
  card: ModelCard;
};

/** The zip of a model and its card: model.json, weights.bin, model-card.json, README.md. */
export async function buildModelZip(source: ModelZipSource): Promise<Uint8Array> {
  const { card } = source;
  validateCard(card);
  if (source.model) {
    const units = outputUnits(source.model);
    if (units !== card.classNames.length) {
      throw new ModelZipError(`the model has ${units} outputs but the card names ${card.classNames.length} classes`);
    }
  }
  const serialized = source.model ? await serializeModel(source.model) : source.serialized;
  // The type rules out neither, but a JavaScript caller can pass neither.
  if (!(serialized as SerializedModel | undefined)) throw new ModelZipError('buildModelZip needs a model or a serialized model');
  const mtime = zipTime(card);
  const files: Zippable = {
    [MODEL_JSON_FILE]: strToU8(JSON.stringify(serialized.modelJson)),
    [WEIGHTS_FILE]: serialized.weightData,
    [MODEL_CARD_FILE]: strToU8(`${JSON.stringify(card, null, 2)}\n`),
    [README_FILE]: strToU8(renderModelCardMarkdown(card)),
  };
  return zipSync(files, { level: 6, mtime });
}

/**
 * The model and card inside a zip made by buildModelZip. The caller owns the model. Throws
 * ModelZipError naming what is wrong: not a zip, a file missing, a file unreadable.
 */
export async function readModelZip(bytes: Uint8Array): Promise<{ model: tf.LayersModel; card: ModelCard }> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new ModelZipError(`not a readable zip file (${(error as Error).message})`);
  }
  const names = Object.keys(entries);
  for (const required of [MODEL_JSON_FILE, WEIGHTS_FILE, MODEL_CARD_FILE]) {
    if (!entries[required]) {
      throw new ModelZipError(
        `the zip has no ${required} (it holds: ${names.length ? names.join(', ') : 'nothing'}): is it an Atelier model export?`,
      );
    }
  }
  const parse = (name: string): unknown => {
    try {
      return JSON.parse(strFromU8(entries[name]!));
    } catch (error) {
      throw new ModelZipError(`${name} in the zip is not valid JSON (${(error as Error).message})`);
    }
  };
  const card = parse(MODEL_CARD_FILE) as Partial<ModelCard>;
  validateCard(card);
  const modelJson = parse(MODEL_JSON_FILE) as tf.io.ModelJSON;
  if (!(modelJson as Partial<tf.io.ModelJSON>).modelTopology)
    throw new ModelZipError(`${MODEL_JSON_FILE} has no modelTopology: it is not a TF.js layers model`);
  // TF.js builds the model's variables before it reads the weights and does not free them when
  // the weights fall short, so a short weights.bin is refused before loading.
  const expected = expectedWeightBytes(modelJson);
  const weightBytes = entries[WEIGHTS_FILE]!.byteLength;
  if (expected !== null && expected !== weightBytes) {
    throw new ModelZipError(
      `${WEIGHTS_FILE} holds ${weightBytes} bytes but ${MODEL_JSON_FILE} describes ${expected}: the export is damaged`,
    );
  }
  let model: tf.LayersModel;
  try {
    model = await deserializeModel({ modelJson, weightData: entries[WEIGHTS_FILE]! });
  } catch (error) {
    throw new ModelZipError(`the model in the zip does not load (${(error as Error).message})`);
  }
  const units = outputUnits(model);
  if (units !== card.classNames.length) {
    model.dispose();
    throw new ModelZipError(`the model has ${units} outputs but its card names ${card.classNames.length} classes`);
  }
  return { model, card };
}

/**
 * Only the card of a zip made by buildModelZip, without loading the model (a listing of many
 * versions reads many cards). Throws ModelZipError when there is no readable card.
 */
export function readModelZipCard(bytes: Uint8Array): ModelCard {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (file) => file.name === MODEL_CARD_FILE });
  } catch (error) {
    throw new ModelZipError(`not a readable zip file (${(error as Error).message})`);
  }
  const entry = entries[MODEL_CARD_FILE];
  if (!entry) throw new ModelZipError(`the zip has no ${MODEL_CARD_FILE}: is it an Atelier model export?`);
  let card: Partial<ModelCard>;
  try {
    card = JSON.parse(strFromU8(entry)) as Partial<ModelCard>;
  } catch (error) {
    throw new ModelZipError(`${MODEL_CARD_FILE} in the zip is not valid JSON (${(error as Error).message})`);
  }
  validateCard(card);
  return card;
}
