import { createRequire } from 'node:module';
import path from 'node:path';
import {
  getKernel,
  registerKernel,
  setBackend,
  Conv2DBackpropFilter,
  Conv3DBackpropFilterV2,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/**
 * The wasm backend has no Conv2DBackpropFilter kernel (needed to train Conv2D) but has
 * Conv3DBackpropFilterV2: a 2-D convolution is a 3-D one with depth 1, so the gradient is computed
 * there on depth-1 views of the same buffers (no copies) and returned with the 2-D filter shape.
 */
const conv2DBackpropFilterViaConv3D: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dataFormat, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
    if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (wasm): only NHWC, got ${dataFormat}`);
    if (typeof pad === 'object') throw new Error('Conv2DBackpropFilter (wasm): explicit padding is unsupported');
    const conv3d = getKernel(Conv3DBackpropFilterV2, 'wasm');
    if (!conv3d) throw new Error('wasm backend lacks Conv3DBackpropFilterV2');
    const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
    const depth1 = (t: TensorInfo): TensorInfo => ({ ...t, shape: [t.shape[0], 1, ...t.shape.slice(1)] });
    const dw = conv3d.kernelFunc({
      inputs: { x: depth1(x), dy: depth1(dy) },
      backend,
      attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] },
    }) as TensorInfo;
    return { ...dw, shape: [...filterShape] };
  },
};

let ready: Promise<void> | null = null;

/** Directory prefix of the tfjs wasm binaries in node_modules (for `setWasmPaths` in Node). */
export function nodeWasmPaths(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

/**
 * Selects the tfjs wasm backend in Node: loads the .wasm binaries from node_modules and adds the
 * missing Conv2DBackpropFilter kernel. Idempotent.
 */
export function useWasmBackend(): Promise<void> {
  ready ??= (async () => {
    setWasmPaths(nodeWasmPaths());
    if (!getKernel(Conv2DBackpropFilter, 'wasm')) registerKernel(conv2DBackpropFilterViaConv3D);
    const ok = await setBackend('wasm');
    if (!ok) throw new Error('Could not initialise the tfjs wasm backend');
  })();
  return ready;
}
