import { beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, randomUniform, tidy, type Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import * as ort from 'onnxruntime-web';
import { buildCnn, buildLcn } from '@/lib/models/architectures';
import { setTestBackend } from '@/lib/tfjs/testing/backends';
import { decodeOnnxModel, encodeOnnxModel, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-model';
import { sequentialToOnnx } from './onnx-topologies';

// The writer and the graphs are checked by the reader that matters: ONNX Runtime (Web, on wasm in
// Node) must load each file and compute what tfjs computes with the same weights.

function randomise(model: LayersModel, seed: number): LayersModel {
  model.setWeights(model.getWeights().map((w, i) => randomNormal(w.shape, 0, 0.15, 'float32', seed + i)));
  return model;
}

describe('ONNX graphs of the lab models', () => {
  beforeAll(async () => {
    await setTestBackend('cpu');
    ort.env.wasm.numThreads = 1;
  });

  it.each([
    ['cnn', buildCnn],
    ['lcn', buildLcn],
  ] as const)('%s: ONNX Runtime gives the tfjs outputs to 1e-5 for a batch of 3', async (id, build) => {
    const model = randomise(build({ seed: 1 }), 50);
    const bytes = encodeOnnxModel(sequentialToOnnx(model, id));
    const x = randomUniform([3, 28, 28, 1], 0, 1, 'float32', 8);
    const expected = tidy(() => (model.predict(x) as Tensor).dataSync());
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const output = await session.run({ input: new ort.Tensor('float32', x.dataSync() as Float32Array, [3, 28, 28, 1]) });
    const got = output.probs.data as Float32Array;
    expect(output.probs.dims).toEqual([3, 10]);
    for (let i = 0; i < expected.length; i++) expect(Math.abs(got[i] - expected[i])).toBeLessThan(1e-5);
    await session.release();
    x.dispose();
    model.dispose();
  });

  it('writes the header, a symbolic batch and raw little-endian initializers', () => {
    const bytes = encodeOnnxModel({
      name: 'g',
      nodes: [{ op: 'MaxPool', inputs: ['input'], outputs: ['probs'], attributes: { kernel_shape: [2, 2], ceil_mode: 0 } }],
      initializers: [{ name: 'w', dims: [2], values: Float32Array.of(1.5, -2) }],
      inputs: [{ name: 'input', dims: ['batch', 1, 4, 4] }],
      outputs: [{ name: 'probs', dims: ['batch', 1, 2, 2] }],
    });
    const model = decodeOnnxModel(bytes) as {
      ir_version: number;
      opset_import: { version: number }[];
      graph: {
        node: { attribute: { name: string; i?: number; ints?: number[] }[] }[];
        initializer: { raw_data: number[]; data_type: number }[];
        input: { type: { tensor_type: { shape: { dim: unknown[] } } } }[];
      };
    };
    expect(model.ir_version).toBe(ONNX_IR_VERSION);
    expect(model.opset_import[0].version).toBe(ONNX_OPSET);
    expect(model.graph.node[0].attribute).toEqual([
      { name: 'kernel_shape', type: 7, ints: [2, 2] },
      { name: 'ceil_mode', type: 2, i: 0 },
    ]);
    expect(model.graph.initializer[0].data_type).toBe(1);
    expect(Buffer.from(model.graph.initializer[0].raw_data)).toEqual(Buffer.from(Float32Array.of(1.5, -2).buffer));
    expect(model.graph.input[0].type.tensor_type.shape.dim).toEqual([
      { dim_param: 'batch' },
      { dim_value: 1 },
      { dim_value: 4 },
      { dim_value: 4 },
    ]);
  });

  it('refuses an initializer whose values do not fill its dims', () => {
    const graph = {
      name: 'g',
      nodes: [],
      initializers: [{ name: 'w', dims: [2, 2], values: new Float32Array(3) }],
      inputs: [],
      outputs: [],
    };
    expect(() => encodeOnnxModel(graph)).toThrow('initializer w: 3 values for dims [2, 2]');
  });
});
