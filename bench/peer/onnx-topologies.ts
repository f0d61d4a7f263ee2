import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { OnnxGraph, OnnxInitializer, OnnxNode } from './onnx-model';

/**
 * The lab's sequential models (Conv2D, LocallyConnected2D, MaxPooling2D, Flatten, Dense) as ONNX
 * graphs for ONNX Runtime, computing the same function from the same weights. The input stays the
 * lab's [batch, 28, 28, 1] (NHWC), so both runtimes get the same bytes; inside, the graph is NCHW,
 * ONNX's native layout, with the weights permuted once here instead of transposing activations:
 * - Conv2D [kh, kw, C, F] → Conv [F, C, kh, kw] (ONNX Runtime fuses the ReLU into it);
 * - Flatten reads NCHW order, so the Dense kernel's rows are permuted from NHWC to NCHW order;
 * - LocallyConnected2D [P, K, F] (k = (i·kw + j)·C + c) → patches by a Conv with one-hot filters
 *   ([N, K, P]), a per-position batched MatMul [P, N, K]·[P, K, F], bias, activation, back to NCHW.
 *   (Of the standard-op forms measured, bench/cnn-kernel.md, this ran fastest in ONNX Runtime.)
 */

const BATCH = 'batch';

interface LayerLike {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  getWeights(): { shape: number[]; dataSync(): Float32Array | Int32Array | Uint8Array }[];
}

function pair(v: unknown): [number, number] {
  return Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)];
}

/** The graph of a sequential channels-last model whose input is [batch, H, W, C]. */
export function sequentialToOnnx(model: LayersModel, name: string): OnnxGraph {
  const [, inH, inW, inC] = model.inputs[0].shape as number[];
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  let serial = 0;
  const fresh = (prefix: string) => `${prefix}_${serial++}`;
  const constant = (prefix: string, dims: number[], values: Float32Array | BigInt64Array) => {
    const id = fresh(prefix);
    initializers.push({ name: id, dims, values });
    return id;
  };
  const shapeOf = (dims: number[]) => constant('shape', [dims.length], BigInt64Array.from(dims, BigInt));
  const op = (type: string, inputs: string[], attributes?: OnnxNode['attributes']) => {
    const out = fresh(type.toLowerCase());
    nodes.push({ op: type, inputs, outputs: [out], attributes });
    return out;
  };

  // NHWC input → NCHW; one channel needs no transpose, only a reshape.
  let x = inC === 1 ? op('Reshape', ['input', shapeOf([0, 1, inH, inW])]) : op('Transpose', ['input'], { perm: [0, 3, 1, 2] });
  let [c, h, w] = [inC, inH, inW];
  /** Set by Flatten: the [C, H, W] it flattened in NCHW order, for the next Dense's kernel. */
  let flattened: [number, number, number] | null = null;

  const activate = (y: string, activation: unknown) => {
    switch (activation ?? 'linear') {
      case 'linear':
        return y;
      case 'relu':
        return op('Relu', [y]);
      case 'softmax':
        return op('Softmax', [y], { axis: -1 });
      default:
        throw new Error(`${name}: activation ${String(activation)} has no ONNX mapping here`);
    }
  };

  for (const layer of model.layers as unknown as LayerLike[]) {
    const config = layer.getConfig();
    const weights = layer.getWeights().map((t) => ({ shape: t.shape, data: Float32Array.from(t.dataSync()) }));
    switch (layer.getClassName()) {
      case 'InputLayer':
        break;
      case 'Conv2D': {
        if (config.padding !== 'valid') throw new Error(`${name}: only valid convolutions`);
        const [kh, kw] = pair(config.kernelSize);
        const [sh, sw] = pair(config.strides ?? 1);
        const [kernel, bias] = weights;
        const f = kernel.shape[3];
        const filter = new Float32Array(kernel.data.length);
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++)
            for (let ci = 0; ci < c; ci++)
              for (let fi = 0; fi < f; fi++) filter[((fi * c + ci) * kh + i) * kw + j] = kernel.data[((i * kw + j) * c + ci) * f + fi];
        const inputs = [x, constant('conv_w', [f, c, kh, kw], filter)];
        if (bias) inputs.push(constant('conv_b', [f], bias.data));
        x = activate(op('Conv', inputs, { kernel_shape: [kh, kw], strides: [sh, sw], pads: [0, 0, 0, 0] }), config.activation);
        [c, h, w] = [f, Math.floor((h - kh) / sh) + 1, Math.floor((w - kw) / sw) + 1];
        break;
      }
      case 'LocallyConnected2D': {
        const [kh, kw] = pair(config.kernelSize);
        const [sh, sw] = pair(config.strides ?? 1);
        const [kernel, bias] = weights;
        const [p, k, f] = kernel.shape;
        const [oh, ow] = [Math.floor((h - kh) / sh) + 1, Math.floor((w - kw) / sw) + 1];
        if (oh * ow !== p || k !== kh * kw * c)
          throw new Error(`${name}: locally connected kernel [${kernel.shape}] does not fit its input`);
        // Output channel k = (i·kw + j)·C + c copies pixel (i, j) of channel c: the kernel's patch order.
        const oneHot = new Float32Array(k * c * kh * kw);
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) for (let ci = 0; ci < c; ci++) oneHot[((((i * kw + j) * c + ci) * c + ci) * kh + i) * kw + j] = 1;
        const patches = op('Conv', [x, constant('patch_w', [k, c, kh, kw], oneHot)], {
          kernel_shape: [kh, kw],
          strides: [sh, sw],
          pads: [0, 0, 0, 0],
        });
        const byPosition = op('Transpose', [op('Reshape', [patches, shapeOf([0, k, p])])], { perm: [2, 0, 1] }); // [P, N, K]
        let y = op('MatMul', [byPosition, constant('lc_w', [p, k, f], kernel.data)]); // [P, N, F]
        if (bias) y = op('Add', [y, constant('lc_b', [p, 1, f], bias.data)]);
        y = activate(y, config.activation);
        x = op('Reshape', [op('Transpose', [y], { perm: [1, 2, 0] }), shapeOf([0, f, oh, ow])]); // [N, F, P] → NCHW
        [c, h, w] = [f, oh, ow];
        break;
      }
      case 'MaxPooling2D': {
        if (config.padding !== 'valid') throw new Error(`${name}: only valid pooling`);
        const pool = pair(config.poolSize);
        const [sh, sw] = config.strides ? pair(config.strides) : pool;
        x = op('MaxPool', [x], { kernel_shape: pool, strides: [sh, sw], pads: [0, 0, 0, 0] });
        [h, w] = [Math.floor((h - pool[0]) / sh) + 1, Math.floor((w - pool[1]) / sw) + 1];
        break;
      }
      case 'Flatten':
        x = op('Flatten', [x], { axis: 1 });
        flattened = [c, h, w];
        break;
      case 'Dense': {
        const [kernel, bias] = weights;
        const [rows, units] = kernel.shape;
        let matrix = kernel.data;
        if (flattened) {
          // Row (y·W + x)·C + c of the NHWC flatten is row (c·H + y)·W + x of the NCHW one.
          const [fc, fh, fw] = flattened;
          matrix = new Float32Array(kernel.data.length);
          for (let yy = 0; yy < fh; yy++)
            for (let xx = 0; xx < fw; xx++)
              for (let ci = 0; ci < fc; ci++) {
                const from = ((yy * fw + xx) * fc + ci) * units;
                matrix.set(kernel.data.subarray(from, from + units), ((ci * fh + yy) * fw + xx) * units);
              }
          flattened = null;
        }
        const inputs = [x, constant('dense_w', [rows, units], matrix)];
        if (bias) inputs.push(constant('dense_b', [units], bias.data));
        x = activate(op('Gemm', inputs), config.activation);
        c = units;
        break;
      }
      default:
        throw new Error(`${name}: layer ${layer.getClassName()} has no ONNX mapping here`);
    }
  }
  // The output keeps a fixed name; an Identity is free in ONNX Runtime (removed at load).
  nodes.push({ op: 'Identity', inputs: [x], outputs: ['probs'] });
  return {
    name,
    nodes,
    initializers,
    inputs: [{ name: 'input', dims: [BATCH, inH, inW, inC] }],
    outputs: [{ name: 'probs', dims: [BATCH, c] }],
  };
}
