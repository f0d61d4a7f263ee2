/**
 * Fast convolution gradients for the tfjs wasm backend, used wherever models train on wasm (Node's
 * `npm run train` and the browser). tfjs-wasm 4.22 has no Conv2DBackpropFilter at all and a scalar
 * Conv2DBackpropInput; both are correlations, so for the stride-1 'valid' convolutions these models
 * use they are rewritten as forward Conv2D calls, which tfjs-wasm runs on XNNPACK (≈20× faster):
 *
 *   dW[i, j, ci, co] = Σ_{b,y,x} x[b, y+i, x+j, ci] · dy[b, y, x, co]
 *     = conv2d(x as [ci, H, W, b], filter dy as [oh, ow, b, co])            → [ci, kh, kw, co]
 *   dx[b, y, x, ci] = Σ_{i,j,co} dy[b, y−i, x−j, co] · W[i, j, ci, co]
 *     = conv2d(dy zero-padded by k−1, filter W rotated 180° as [kh, kw, co, ci])
 *
 * Other strides and paddings keep a correct general route: the filter gradient through
 * Conv3DBackpropFilterV2 on depth-1 views, the input gradient through tfjs-wasm's own kernel.
 */
import {
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  Conv3DBackpropFilterV2,
  getKernel,
  registerKernel,
  Reverse,
  Transpose,
  unregisterKernel,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

const BACKEND = 'wasm';

/** Runs another wasm kernel from inside a kernel (the engine's op machinery is not re-entered). */
function run(name: string, backend: KernelBackend, inputs: NamedTensorInfoMap, attrs: object): TensorInfo {
  const kernel = getKernel(name, BACKEND);
  if (!kernel) throw new Error(`wasm backend lacks the ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as NamedAttrMap }) as TensorInfo;
}

function pair(value: number | [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/** The fast path applies to NHWC, stride 1, 'valid' padding: every convolution these models train. */
function isStride1Valid({ strides, pad, dataFormat }: { strides: number | [number, number]; pad: unknown; dataFormat: string }): boolean {
  const [sh, sw] = pair(strides);
  return dataFormat === 'NHWC' && pad === 'valid' && sh === 1 && sw === 1;
}

const conv = (backend: KernelBackend, x: TensorInfo, filter: TensorInfo, pad: 'valid' | number[][]) =>
  run(Conv2D, backend, { x, filter }, { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] });

/** Disposes the intermediate results of a kernel. */
function release(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

const filterGradient: KernelFunc = ({ inputs, backend: b, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as Conv2DBackpropFilterAttrs;
  const backend = b as KernelBackend;
  if (!isStride1Valid(a)) return filterGradientViaConv3D(x, dy, a, backend);
  const xT = run(Transpose, backend, { x }, { perm: [3, 1, 2, 0] }); // [ci, H, W, b]
  const dyT = run(Transpose, backend, { x: dy }, { perm: [1, 2, 0, 3] }); // [oh, ow, b, co]
  const byChannel = conv(backend, xT, dyT, 'valid'); // [ci, kh, kw, co]
  const dw = run(Transpose, backend, { x: byChannel }, { perm: [1, 2, 0, 3] });
  release(backend, xT, dyT, byChannel);
  return dw;
};

/** The general route: a 2-D convolution is a 3-D one of depth 1 (views of the same buffers). */
function filterGradientViaConv3D(x: TensorInfo, dy: TensorInfo, a: Conv2DBackpropFilterAttrs, backend: KernelBackend): TensorInfo {
  if (a.dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (wasm): only NHWC, got ${a.dataFormat}`);
  if (typeof a.pad === 'object') throw new Error('Conv2DBackpropFilter (wasm): explicit padding is unsupported');
  const [sh, sw] = pair(a.strides);
  const depth1 = (t: TensorInfo): TensorInfo => ({ ...t, shape: [t.shape[0], 1, ...t.shape.slice(1)] });
  const dw = run(
    Conv3DBackpropFilterV2,
    backend,
    { x: depth1(x), dy: depth1(dy) },
    {
      strides: [1, sh, sw],
      pad: a.pad,
      filterShape: [1, ...a.filterShape],
    },
  );
  return { ...dw, shape: [...a.filterShape] };
}

function inputGradient(original: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if (!isStride1Valid(a)) return original(args);
    const backend = args.backend as KernelBackend;
    const [kh, kw] = filter.shape;
    const flipped = run(Reverse, backend, { x: filter }, { dims: [0, 1] });
    const rotated = run(Transpose, backend, { x: flipped }, { perm: [0, 1, 3, 2] }); // [kh, kw, co, ci]
    const dx = conv(backend, dy, rotated, [
      [0, 0],
      [kh - 1, kh - 1],
      [kw - 1, kw - 1],
      [0, 0],
    ]);
    release(backend, flipped, rotated);
    return dx;
  };
}

let installed = false;

/**
 * Registers the fast gradients on the wasm backend (idempotent). Call before the first training
 * step; inference never needs them.
 */
export function installWasmConvGradients(): void {
  if (installed) return;
  installed = true;
  const originalInput = getKernel(Conv2DBackpropInput, BACKEND);
  if (!originalInput) throw new Error('wasm backend lacks Conv2DBackpropInput');
  if (getKernel(Conv2DBackpropFilter, BACKEND)) unregisterKernel(Conv2DBackpropFilter, BACKEND);
  unregisterKernel(Conv2DBackpropInput, BACKEND);
  const configs: KernelConfig[] = [
    { kernelName: Conv2DBackpropFilter, backendName: BACKEND, kernelFunc: filterGradient },
    { ...originalInput, kernelFunc: inputGradient(originalInput.kernelFunc) },
  ];
  configs.forEach(registerKernel);
}
