import * as tf from '@tensorflow/tfjs';

/**
 * Training checkpoints: a model's weights and its optimizer's state in one self-describing
 * binary, so an ASHA promotion continues a trial where its rung stopped instead of from scratch.
 *
 * Layout (little-endian, as on every platform TF.js runs on):
 *   8 bytes  magic "ATLRCKPT"
 *   u32      format version
 *   u32      header length in bytes
 *   header   UTF-8 JSON (CheckpointHeader): epoch, optimizer class and iteration count, and for
 *            every tensor its group, name, shape, dtype and place in the data section
 *   padding  zeros up to a multiple of 4
 *   data     the tensors' values back to back (float32 or int32), CRC-32 in the header
 *
 * Tensors are matched by position, not name: TF.js names variables per model instance
 * (dense_Dense3/kernel), so a rebuilt model has other names but the same order and shapes.
 * Shapes are checked on restore.
 */

const MAGIC = 'ATLRCKPT';
const VERSION = 1;
const PREFIX_BYTES = MAGIC.length + 8;

export type CheckpointDType = 'float32' | 'int32';

export interface CheckpointTensor {
  name: string;
  shape: number[];
  dtype: CheckpointDType;
  values: Float32Array | Int32Array;
}

export interface Checkpoint {
  /** Epochs completed when the checkpoint was taken (1-based count). */
  epoch: number;
  optimizer: {
    /** TF.js class name: SGD, Momentum, Adam, RMSProp, Adagrad, Adadelta, Adamax. */
    className: string;
    /** Optimizer steps taken (batches trained), which Adam-style bias correction depends on. */
    iterations: number;
    config: Record<string, unknown>;
  };
  /** model.weights in order, trainable or not. */
  modelWeights: CheckpointTensor[];
  /** Per-variable slots (moments, accumulators) in the order optimizer.getWeights() lists them. */
  optimizerSlots: CheckpointTensor[];
  /** Optimizer scalars that getWeights() leaves out but an exact replay needs (Adam's β powers). */
  optimizerScalars: CheckpointTensor[];
}

type Group = 'model' | 'slot' | 'scalar';

interface HeaderTensor {
  group: Group;
  name: string;
  shape: number[];
  dtype: CheckpointDType;
  offset: number;
  byteLength: number;
}

interface CheckpointHeader {
  epoch: number;
  optimizer: Checkpoint['optimizer'];
  tensors: HeaderTensor[];
  dataByteLength: number;
  dataCrc32: number;
}

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as in zip and PNG). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Private state of TF.js optimizers that the checkpoint reads and restores. */
interface OptimizerInternals {
  iterations_?: number;
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
  iteration?: tf.Variable;
  accumulatedFirstMoment?: { originalName: string; variable: tf.Variable }[];
  accumulatedWeightedInfNorm?: { originalName: string; variable: tf.Variable }[];
}

/** Scalars outside getWeights(): Adam's β₁ᵗ and β₂ᵗ; Adamax's β₁ᵗ and its step variable. */
const SCALAR_STATE: Record<string, (keyof OptimizerInternals)[]> = {
  Adam: ['accBeta1', 'accBeta2'],
  Adamax: ['accBeta1', 'iteration'],
};

async function toCheckpointTensor(name: string, tensor: tf.Tensor): Promise<CheckpointTensor> {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
    throw new CheckpointError(`cannot checkpoint ${name}: dtype ${tensor.dtype} (only float32 and int32 are stored)`);
  }
  const data = await tensor.data();
  const values = tensor.dtype === 'float32' ? new Float32Array(data as Float32Array) : new Int32Array(data as Int32Array);
  return { name, shape: [...tensor.shape], dtype: tensor.dtype, values };
}

/**
 * Adamax's getWeights() is not implemented in TF.js 4.22, so its slots are read directly, in
 * the same order the others use: every first moment, then every weighted infinity norm.
 */
async function optimizerSlotTensors(optimizer: tf.Optimizer): Promise<{ iterations: number; slots: CheckpointTensor[] }> {
  const internals = optimizer as unknown as OptimizerInternals;
  if (optimizer.getClassName() === 'Adamax') {
    const variables = [...(internals.accumulatedFirstMoment ?? []), ...(internals.accumulatedWeightedInfNorm ?? [])];
    const slots = await Promise.all(variables.map((v) => toCheckpointTensor(v.originalName, v.variable)));
    return { iterations: optimizer.iterations, slots };
  }
  const named = await optimizer.getWeights();
  // The first entry is the iteration count as a fresh int32 scalar; the rest are the optimizer's own variables.
  const [iter, ...rest] = named;
  try {
    const iterations = (await iter!.tensor.data())[0]!;
    const slots = await Promise.all(rest.map((v) => toCheckpointTensor(v.name, v.tensor)));
    return { iterations, slots };
  } finally {
    iter?.tensor.dispose();
  }
}

/** Reads a model's weights and its optimizer's state into plain arrays (no tensors kept). */
export async function captureCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer, epoch: number): Promise<Checkpoint> {
  if (!Number.isInteger(epoch) || epoch < 0) throw new CheckpointError(`a checkpoint's epoch must be a whole number ≥ 0, got ${epoch}`);
  const modelWeights = await Promise.all(model.weights.map((w) => toCheckpointTensor(w.name, w.read())));
  const { iterations, slots } = await optimizerSlotTensors(optimizer);
  const className = optimizer.getClassName();
  const internals = optimizer as unknown as OptimizerInternals;
  const optimizerScalars = await Promise.all(
    (SCALAR_STATE[className] ?? []).map((key) => toCheckpointTensor(key, internals[key] as tf.Variable)),
  );
  return {
    epoch,
    optimizer: { className, iterations, config: optimizer.getConfig() },
    modelWeights,
    optimizerSlots: slots,
    optimizerScalars,
  };
}

export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  const groups: [Group, CheckpointTensor[]][] = [
    ['model', checkpoint.modelWeights],
    ['slot', checkpoint.optimizerSlots],
    ['scalar', checkpoint.optimizerScalars],
  ];
  const tensors: HeaderTensor[] = [];
  let offset = 0;
  for (const [group, list] of groups) {
    for (const t of list) {
      tensors.push({ group, name: t.name, shape: t.shape, dtype: t.dtype, offset, byteLength: t.values.byteLength });
      offset += t.values.byteLength;
    }
  }
  const data = new Uint8Array(offset);
  let at = 0;
  for (const [, list] of groups) {
    for (const t of list) {
      data.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), at);
      at += t.values.byteLength;
    }
  }
  const header: CheckpointHeader = {
    epoch: checkpoint.epoch,
    optimizer: checkpoint.optimizer,
    tensors,
    dataByteLength: data.byteLength,
    dataCrc32: crc32(data),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((PREFIX_BYTES + headerBytes.byteLength) / 4) * 4;
  const out = new Uint8Array(dataStart + data.byteLength);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(MAGIC.length, VERSION, true);
  view.setUint32(MAGIC.length + 4, headerBytes.byteLength, true);
  out.set(headerBytes, PREFIX_BYTES);
  out.set(data, dataStart);
  return out;
}

function fail(message: string): never {
  throw new CheckpointError(`not a usable Atelier checkpoint: ${message}`);
}

function isHeaderTensor(t: unknown): t is HeaderTensor {
  // Every field is checked: the header is parsed from bytes, so each may be missing or wrong.
  const x = t as Partial<HeaderTensor> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    (x.group === 'model' || x.group === 'slot' || x.group === 'scalar') &&
    typeof x.name === 'string' &&
    Array.isArray(x.shape) &&
    x.shape.every((d) => Number.isInteger(d) && d >= 0) &&
    (x.dtype === 'float32' || x.dtype === 'int32') &&
    typeof x.offset === 'number' &&
    Number.isInteger(x.offset) &&
    x.offset >= 0 &&
    x.offset % 4 === 0 &&
    Number.isInteger(x.byteLength) &&
    x.byteLength === 4 * x.shape.reduce((n, d) => n * d, 1)
  );
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (!(bytes instanceof Uint8Array)) fail('expected bytes (a Uint8Array)');
  if (bytes.byteLength < PREFIX_BYTES || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) {
    fail(`the data does not start with "${MAGIC}" (${bytes.byteLength} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(MAGIC.length, true);
  if (version !== VERSION) fail(`format version ${version}; this Atelier reads version ${VERSION}`);
  const headerLength = view.getUint32(MAGIC.length + 4, true);
  if (PREFIX_BYTES + headerLength > bytes.byteLength) fail(`the header claims ${headerLength} bytes but the data ends first (truncated?)`);
  let header: CheckpointHeader;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)),
    ) as CheckpointHeader;
  } catch (error) {
    fail(`the header is not valid JSON (${(error as Error).message})`);
  }
  // Parsed from bytes, so the header and its optimizer may be anything until checked here.
  const unchecked: unknown = header;
  const optimizer = header.optimizer as Partial<CheckpointHeader['optimizer']> | undefined;
  if (
    typeof unchecked !== 'object' ||
    unchecked === null ||
    !Number.isInteger(header.epoch) ||
    header.epoch < 0 ||
    typeof optimizer?.className !== 'string' ||
    !Number.isInteger(header.optimizer.iterations) ||
    !Array.isArray(header.tensors) ||
    !header.tensors.every(isHeaderTensor) ||
    !Number.isInteger(header.dataByteLength) ||
    !Number.isInteger(header.dataCrc32)
  ) {
    fail('the header is missing fields or has fields of the wrong type');
  }
  const dataStart = Math.ceil((PREFIX_BYTES + headerLength) / 4) * 4;
  if (bytes.byteLength !== dataStart + header.dataByteLength) {
    fail(`expected ${dataStart + header.dataByteLength} bytes, got ${bytes.byteLength} (truncated or padded)`);
  }
  const data = bytes.subarray(dataStart);
  if (crc32(data) !== header.dataCrc32) fail('the tensor data does not match its CRC-32 (corrupted)');

  const checkpoint: Checkpoint = {
    epoch: header.epoch,
    optimizer: { className: header.optimizer.className, iterations: header.optimizer.iterations, config: optimizer.config ?? {} },
    modelWeights: [],
    optimizerSlots: [],
    optimizerScalars: [],
  };
  const target: Record<Group, CheckpointTensor[]> = {
    model: checkpoint.modelWeights,
    slot: checkpoint.optimizerSlots,
    scalar: checkpoint.optimizerScalars,
  };
  for (const t of header.tensors) {
    if (t.offset + t.byteLength > data.byteLength) fail(`tensor ${t.name} lies outside the data section`);
    // A copy: the caller's buffer may not be 4-byte aligned, and the checkpoint must not alias it.
    const buffer = data.slice(t.offset, t.offset + t.byteLength).buffer;
    const values = t.dtype === 'float32' ? new Float32Array(buffer) : new Int32Array(buffer);
    target[t.group].push({ name: t.name, shape: t.shape, dtype: t.dtype, values });
  }
  return checkpoint;
}

/** A model's weights and optimizer's state as checkpoint bytes. */
export async function serializeCheckpoint(model: tf.LayersModel, optimizer: tf.Optimizer, epoch: number): Promise<Uint8Array> {
  return encodeCheckpoint(await captureCheckpoint(model, optimizer, epoch));
}

/** The inverse of serializeCheckpoint, as plain arrays; throws CheckpointError on anything else. */
export function deserializeCheckpoint(bytes: Uint8Array): Checkpoint {
  return decodeCheckpoint(bytes);
}

const sameShape = (a: readonly number[], b: readonly (number | null)[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function checkSlots(checkpoint: Checkpoint, model: tf.LayersModel): void {
  const trainable = model.trainableWeights;
  const slots = checkpoint.optimizerSlots;
  if (slots.length === 0) return; // saved before the first step
  if (trainable.length === 0 || slots.length % trainable.length !== 0) {
    throw new CheckpointError(
      `the checkpoint's optimizer state has ${slots.length} slot tensors, which do not fit a model with ${trainable.length} trainable weights`,
    );
  }
  slots.forEach((slot, i) => {
    const weight = trainable[i % trainable.length]!;
    if (!sameShape(slot.shape, weight.shape)) {
      throw new CheckpointError(
        `the checkpoint's optimizer slot ${slot.name} has shape [${slot.shape.join(',')}] but the model's weight ${weight.name} is [${weight.shape.join(',')}]`,
      );
    }
  });
}

/**
 * Writes a checkpoint into a model built from the same spec and a fresh optimizer of the same
 * class (one that has taken no step). Slot order follows the model's trainable weights, which
 * is also the order the optimizer sees gradients in, so the next step continues exactly.
 */
export async function restoreCheckpoint(
  source: Checkpoint | Uint8Array,
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
): Promise<Checkpoint> {
  const checkpoint = source instanceof Uint8Array ? decodeCheckpoint(source) : source;
  const className = optimizer.getClassName();
  if (checkpoint.optimizer.className !== className) {
    throw new CheckpointError(`the checkpoint holds ${checkpoint.optimizer.className} optimizer state but training uses ${className}`);
  }
  if (optimizer.iterations !== 0)
    throw new CheckpointError('restore a checkpoint into a fresh optimizer, not one that has already taken steps');
  const weights = model.weights;
  if (checkpoint.modelWeights.length !== weights.length) {
    throw new CheckpointError(
      `the checkpoint holds ${checkpoint.modelWeights.length} weight tensors but the model has ${weights.length}: another architecture?`,
    );
  }
  checkpoint.modelWeights.forEach((saved, i) => {
    const weight = weights[i]!;
    if (!sameShape(saved.shape, weight.shape)) {
      throw new CheckpointError(
        `the checkpoint's weight ${saved.name} has shape [${saved.shape.join(',')}] but the model's ${weight.name} is [${weight.shape.join(',')}]: another architecture?`,
      );
    }
  });
  checkSlots(checkpoint, model);

  const toTensor = (t: CheckpointTensor) => tf.tensor(t.values, t.shape, t.dtype);
  const modelTensors = checkpoint.modelWeights.map(toTensor);
  try {
    model.setWeights(modelTensors);
  } finally {
    tf.dispose(modelTensors);
  }

  const internals = optimizer as unknown as OptimizerInternals;
  const slotTensors = checkpoint.optimizerSlots.map(toTensor);
  try {
    if (className === 'Adamax') {
      const half = slotTensors.length / 2;
      const asSlot = (t: tf.Tensor, i: number) => ({ originalName: checkpoint.optimizerSlots[i]!.name, variable: t.variable(false) });
      internals.accumulatedFirstMoment = slotTensors.slice(0, half).map((t, i) => asSlot(t, i));
      internals.accumulatedWeightedInfNorm = slotTensors.slice(half).map((t, i) => asSlot(t, half + i));
      internals.iterations_ = checkpoint.optimizer.iterations;
    } else {
      const iter = tf.scalar(checkpoint.optimizer.iterations, 'int32');
      try {
        // setWeights wraps each tensor in a new variable sharing its data, so ours can be disposed.
        await optimizer.setWeights([
          { name: 'iter', tensor: iter },
          ...slotTensors.map((tensor, i) => ({ name: checkpoint.optimizerSlots[i]!.name, tensor })),
        ]);
      } finally {
        iter.dispose();
      }
    }
  } finally {
    tf.dispose(slotTensors);
  }
  // setWeights recomputes Adam's β powers as pow(β, t+1), which can differ in the last float bit
  // from the product the optimizer accumulated; the saved values make a resumed run exact.
  for (const saved of checkpoint.optimizerScalars) {
    const variable = internals[saved.name as keyof OptimizerInternals] as tf.Variable | undefined;
    if (!variable || typeof variable.assign !== 'function') throw new CheckpointError(`${className} has no state named ${saved.name}`);
    tf.tidy(() => variable.assign(tf.tensor(saved.values, saved.shape, saved.dtype)));
  }
  return checkpoint;
}
