import * as protobuf from 'protobufjs';
import { ONNX_PROTO } from './onnx-schema';

/**
 * The parts of ONNX's ModelProto that the exporter writes, in protobufjs's camelCase field
 * names. protobufjs (a maintained, dependency-light protobuf library) encodes them with the
 * official onnx.proto, so the bytes are whatever any ONNX reader expects; a hand-written
 * encoder would be a second copy of the schema to keep right.
 */

/** TensorProto.DataType values the exporter uses. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;

/** AttributeProto.AttributeType values. */
export const ATTRIBUTE_FLOAT = 1;
export const ATTRIBUTE_INT = 2;
export const ATTRIBUTE_STRING = 3;
export const ATTRIBUTE_INTS = 7;

export interface OnnxAttribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  ints?: number[];
}

export interface OnnxNode {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute?: OnnxAttribute[];
  domain?: string;
}

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  rawData: Uint8Array;
}

export interface OnnxDimension {
  dimValue?: number;
  dimParam?: string;
}

export interface OnnxValueInfo {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: OnnxDimension[] } } };
}

export interface OnnxGraph {
  name: string;
  node: OnnxNode[];
  initializer: OnnxTensor[];
  input: OnnxValueInfo[];
  output: OnnxValueInfo[];
  docString?: string;
}

export interface OnnxModel {
  irVersion: number;
  opsetImport: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  modelVersion?: number;
  docString?: string;
  graph: OnnxGraph;
  metadataProps: { key: string; value: string }[];
}

let modelType: protobuf.Type | undefined;

function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.parse(ONNX_PROTO).root.lookupType('onnx.ModelProto');
  return modelType;
}

/** The model's .onnx bytes. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const type = onnxModelType();
  const message = type.fromObject(model);
  const problem = type.verify(message);
  if (problem) throw new Error(`the ONNX model does not match onnx.proto: ${problem}`);
  return type.encode(message).finish();
}

/** A model read back from .onnx bytes, int64 fields as numbers and bytes as Uint8Array (for tests and checks). */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  const type = onnxModelType();
  return type.toObject(type.decode(bytes), { longs: Number, arrays: true }) as OnnxModel;
}
