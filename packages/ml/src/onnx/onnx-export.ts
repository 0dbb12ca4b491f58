import type * as tf from '@tensorflow/tfjs';
import { ModelZipError, renderModelCardMarkdown, type ModelCard, type ModelCardExportSections } from '../io/model-export';
import { decodeOnnxModel } from './onnx-proto';
import { convertToOnnx, ONNX_INPUT_NAME, ONNX_OPSET, ONNX_OUTPUT_NAME } from './to-onnx';

/**
 * The ONNX download: one .onnx file whose metadata_props carry the model card, as JSON for
 * programs and as Markdown for people, like the TF.js zip's model-card.json and README.md.
 * onnxruntime shows them as `session.get_modelmeta().custom_metadata_map`.
 */

export const ONNX_FILE = 'model.onnx';
export const ONNX_CARD_JSON_KEY = 'atelier.model_card';
export const ONNX_CARD_MARKDOWN_KEY = 'atelier.model_card.md';
/** The class names alone (a JSON array), for readers that want only the label of each output. */
export const ONNX_CLASS_NAMES_KEY = 'atelier.class_names';

const ONNX_SECTIONS: ModelCardExportSections = {
  files: [
    `- \`${ONNX_FILE}\`: the model in ONNX (opset ${ONNX_OPSET}), input \`${ONNX_INPUT_NAME}\`, output \`${ONNX_OUTPUT_NAME}\``,
    `- This card travels in the file's metadata_props: \`${ONNX_CARD_JSON_KEY}\` (JSON) and \`${ONNX_CARD_MARKDOWN_KEY}\` (Markdown)`,
  ],
  usage: pythonUsage,
};

function pythonUsage(card: ModelCard): string[] {
  const { height, width } = card.preprocessing;
  return [
    '## Using the model with onnxruntime (Python)',
    '',
    '```python',
    'import json',
    'import numpy as np',
    'import onnxruntime as ort',
    '',
    `session = ort.InferenceSession("${ONNX_FILE}", providers=["CPUExecutionProvider"])`,
    `class_names = json.loads(session.get_modelmeta().custom_metadata_map["${ONNX_CLASS_NAMES_KEY}"])`,
    `input_name = session.get_inputs()[0].name  # "${ONNX_INPUT_NAME}", shape [batch, ${height}, ${width}, 1]`,
    '',
    `# pixels: uint8 array of shape (n, ${height}, ${width}), grayscale 0..255, as in the IDX files`,
    'def classify(pixels):',
    `    x = pixels.astype(np.float32).reshape(-1, ${height}, ${width}, 1) / 255.0`,
    '    probabilities = session.run(None, {input_name: x})[0]',
    '    return [(class_names[i], float(p[i])) for p, i in zip(probabilities, probabilities.argmax(axis=1))]',
    '```',
    '',
    'The input is channels last (batch, height, width, channels), like the TF.js model; the output is one softmax probability per class.',
    '',
  ];
}

/** The card as Markdown, describing the ONNX file. */
export function renderOnnxModelCardMarkdown(card: ModelCard): string {
  return renderModelCardMarkdown(card, ONNX_SECTIONS);
}

/**
 * A model and its card as .onnx bytes. Throws OnnxExportError naming a layer that has no ONNX
 * translation, or ModelZipError when the card does not fit the model.
 */
export function buildOnnxExport(source: { model: tf.LayersModel; card: ModelCard }): Uint8Array {
  const { model, card } = source;
  const units = model.outputs[0]?.shape.at(-1);
  if (units !== card.classNames.length)
    throw new ModelZipError(`the model has ${String(units)} outputs but the card names ${card.classNames.length} classes`);
  return convertToOnnx(model, {
    graphName: card.architecture,
    docString: card.name,
    metadata: {
      [ONNX_CARD_JSON_KEY]: JSON.stringify(card),
      [ONNX_CARD_MARKDOWN_KEY]: renderOnnxModelCardMarkdown(card),
      [ONNX_CLASS_NAMES_KEY]: JSON.stringify(card.classNames),
    },
  });
}

/** The card stored in an ONNX export, or null when the file has none. */
export function readOnnxModelCard(bytes: Uint8Array): ModelCard | null {
  const entry = decodeOnnxModel(bytes).metadataProps.find((p) => p.key === ONNX_CARD_JSON_KEY);
  return entry ? (JSON.parse(entry.value) as ModelCard) : null;
}
