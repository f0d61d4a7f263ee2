import { backend as activeBackend, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { CNN_LAYERS_WASM_BASE64 } from './cnn-layers-wasm';
import { fusedShapes, registerFusedRunKernel, type FusedRunAttrs, type FusedStage } from './fused-run';
import { registerLocallyConnectedKernel, type LcKernelAttrs } from './locally-connected';
import { LOCALLY_CONNECTED_WASM_BASE64 } from './locally-connected-wasm';
import { heapKernels } from './wasm-heap';

/**
 * This project's kernels on tfjs-wasm, written in AssemblyScript (assembly/) and compiled to
 * WebAssembly SIMD; they run inside tfjs-wasm's own heap (wasm-heap.ts), reading inputs and writing
 * outputs in place.
 * - Locally connected layer: tfjs-wasm's own ops cannot express the per-position product well
 *   (batched matMul runs on a scalar path); this register-blocked product costs what XNNPACK's
 *   conv2d with the same multiply-adds costs (bench/lc-layouts.md).
 * - A fused run of a CNN's layers (convolution stages with their max-pools, flatten, dense,
 *   softmax) as one tfjs kernel: the layers run back to back on the heap, intermediates freed at
 *   once, so one image costs one dispatch instead of seven (bench/cnn-kernel.md).
 */

type LocallyConnectedFn = (
  x: number,
  w: number,
  bias: number,
  out: number,
  batch: number,
  inH: number,
  inW: number,
  inC: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  outH: number,
  outW: number,
  filters: number,
  relu: number,
) => void;

/** assembly/cnn-layers.ts. */
interface CnnLayers {
  convPool(
    x: number,
    w: number,
    bias: number,
    out: number,
    batch: number,
    inH: number,
    inW: number,
    inC: number,
    kh: number,
    kw: number,
    filters: number,
    relu: number,
  ): void;
  dense(x: number, w: number, bias: number, out: number, batch: number, inSize: number, units: number, relu: number): void;
}

/** The convolution kernels' register blocks are 8 filters wide (assembly/). */
const FILTER_BLOCK = 8;
/** convPool's register block is one 2 × 2 pool window (assembly/cnn-layers.ts). */
const CONV_POOL_SIZE = 2;

const locallyConnectedFor = heapKernels<{ locallyConnected: LocallyConnectedFn }>(LOCALLY_CONNECTED_WASM_BASE64);
const cnnLayersFor = heapKernels<CnnLayers>(CNN_LAYERS_WASM_BASE64);

/** Softmax of each row of `values` in place (ten values an image: not worth a wasm exp). */
function softmaxRows(values: Float32Array, width: number): void {
  for (let row = 0; row < values.length; row += width) {
    let max = -Infinity;
    for (let k = row; k < row + width; k++) max = Math.max(max, values[k]);
    let sum = 0;
    for (let k = row; k < row + width; k++) {
      values[k] = Math.exp(values[k] - max);
      sum += values[k]; // as stored (float32), so each row sums to 1 as closely as it can
    }
    for (let k = row; k < row + width; k++) values[k] /= sum;
  }
}

/** Which stages the wasm fused run takes. */
function wasmRunsStage(stage: FusedStage): boolean {
  if (cnnLayersFor(activeBackend() as BackendWasm) === null) return false;
  return stage.kind !== 'convPool' || (stage.pool === CONV_POOL_SIZE && stage.filters % FILTER_BLOCK === 0);
}

/** Registers this project's custom wasm kernels with tfjs-core (idempotent). */
export function registerWasmKernels(): void {
  registerLocallyConnectedKernel(
    'wasm',
    ({ inputs, backend, attrs }) => {
      const wasm = backend as BackendWasm;
      const { x, kernel, bias } = inputs as { x: TensorInfo; kernel: TensorInfo; bias: TensorInfo };
      const a = attrs as unknown as LcKernelAttrs;
      const batch = x.shape[0];
      const run = locallyConnectedFor(wasm)?.locallyConnected;
      if (!run) throw new Error('the locally connected WebAssembly kernel cannot run on this wasm backend');
      const out = wasm.makeOutput([batch, a.outH, a.outW, a.filters], 'float32');
      const at = (t: TensorInfo) => wasm.getMemoryOffset(t.dataId);
      run(
        at(x),
        at(kernel),
        at(bias),
        at(out),
        batch,
        a.inH,
        a.inW,
        a.inC,
        a.kh,
        a.kw,
        a.sh,
        a.sw,
        a.outH,
        a.outW,
        a.filters,
        a.activation === 'relu' ? 1 : 0,
      );
      return out;
    },
    (attrs) => attrs.filters % FILTER_BLOCK === 0 && locallyConnectedFor(activeBackend() as BackendWasm) !== null,
  );
  registerFusedRunKernel(
    'wasm',
    ({ inputs, backend, attrs }) => {
      const wasm = backend as BackendWasm;
      const layers = cnnLayersFor(wasm);
      if (!layers) throw new Error('the fused-run WebAssembly kernels cannot run on this wasm backend');
      const { stages } = attrs as unknown as FusedRunAttrs;
      const named = inputs as Record<string, TensorInfo>;
      const at = (t: TensorInfo) => wasm.getMemoryOffset(t.dataId);
      const shapes = fusedShapes(named.x.shape, stages);
      if (stages.at(-1)?.kind === 'flatten') throw new Error('a fused run cannot end on a flatten');
      let current = named.x;
      let shape = named.x.shape;
      const temporaries: TensorInfo[] = [];
      stages.forEach((stage, i) => {
        if (stage.kind === 'flatten') {
          shape = shapes[i]; // the same bytes, read as rows
          return;
        }
        const out = wasm.makeOutput(shapes[i], 'float32');
        const [w, b] = [named[`w${i}`], named[`b${i}`]];
        const relu = stage.activation === 'relu' ? 1 : 0;
        if (stage.kind === 'convPool') {
          layers.convPool(
            at(current),
            at(w),
            at(b),
            at(out),
            shape[0],
            shape[1],
            shape[2],
            stage.inC,
            stage.kh,
            stage.kw,
            stage.filters,
            relu,
          );
        } else {
          layers.dense(at(current), at(w), at(b), at(out), shape[0], stage.inSize, stage.units, relu);
          if (stage.activation === 'softmax') softmaxRows(wasm.typedArrayFromHeap(out) as Float32Array, stage.units);
        }
        if (current !== named.x) temporaries.push(current);
        [current, shape] = [out, shapes[i]];
      });
      temporaries.forEach((t) => wasm.disposeData(t.dataId));
      return current;
    },
    wasmRunsStage,
  );
}
