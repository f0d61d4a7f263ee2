import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';

/**
 * A small ONNX model writer: a graph described in plain objects, encoded by protobufjs against the
 * subset of onnx.proto in this folder. Enough for the peer bench's feed-forward graphs (float32
 * initializers, int and int-list attributes, a dynamic batch dimension).
 */

/** IR version 8 and opset 17: what ONNX Runtime Web 1.30 reads with every op used here. */
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 17;

export type OnnxAttribute = number | number[];

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  /** Integer attributes (INT) and integer lists (INTS). */
  attributes?: Record<string, OnnxAttribute>;
}

export interface OnnxInitializer {
  name: string;
  dims: number[];
  /** float32 weights, or int64 values (shapes for Reshape). */
  values: Float32Array | BigInt64Array;
}

export interface OnnxValue {
  name: string;
  /** A number is a fixed size, a string a symbolic one (the batch). */
  dims: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
}

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

let root: protobuf.Root | undefined;

function modelType(): protobuf.Type {
  root ??= protobuf.parse(readFileSync(new URL('./onnx.proto', import.meta.url), 'utf8'), { keepCase: true }).root;
  return root.lookupType('onnx.ModelProto');
}

function valueInfo({ name, dims }: OnnxValue) {
  const dim = dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}

function attribute(name: string, value: OnnxAttribute) {
  if (!Array.isArray(value)) return { name, type: ATTRIBUTE_INT, i: value };
  return { name, type: ATTRIBUTE_INTS, ints: value };
}

function initializer({ name, dims, values }: OnnxInitializer) {
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count) throw new RangeError(`initializer ${name}: ${values.length} values for dims [${dims.join(', ')}]`);
  // raw_data is little-endian, as typed arrays are on every platform this runs on.
  const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return { name, dims, data_type: values instanceof Float32Array ? FLOAT : INT64, raw_data: raw };
}

/** Encodes `graph` as an ONNX model file. */
export function encodeOnnxModel(graph: OnnxGraph, producer = 'weight-sharing-lab'): Uint8Array {
  const type = modelType();
  const message = {
    ir_version: ONNX_IR_VERSION,
    opset_import: [{ domain: '', version: ONNX_OPSET }],
    producer_name: producer,
    graph: {
      name: graph.name,
      node: graph.nodes.map((n, i) => ({
        name: `${n.op}_${i}`,
        op_type: n.op,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attributes ?? {}).map(([k, v]) => attribute(k, v)),
      })),
      initializer: graph.initializers.map(initializer),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  };
  const problem = type.verify(message);
  if (problem) throw new Error(`ONNX model: ${problem}`);
  return type.encode(type.fromObject(message)).finish();
}

/** Decodes a model written by encodeOnnxModel back to plain objects (for tests and inspection). */
export function decodeOnnxModel(bytes: Uint8Array): Record<string, unknown> {
  const type = modelType();
  return type.toObject(type.decode(bytes), { longs: Number, bytes: Array, defaults: false }) as Record<string, unknown>;
}
