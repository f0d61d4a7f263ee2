import {
  conv2d,
  engine,
  fused,
  getBackend,
  getKernel,
  registerKernel,
  reshape,
  tensor1d,
  tensor4d,
  tidy,
  zeros,
  type KernelFunc,
  type NamedAttrMap,
  type Tensor,
  type Tensor2D,
  type Tensor3D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';
import { channelsAsImages, depthwiseFilter, windowsAsColumns, type LocallyConnected2dGeometry } from '@/lib/models/locally-connected-op';
import type { LocallyConnectedPath } from '../types';

/**
 * Inference-only locally connected layer. Training keeps using lib/models' composite op (with its
 * gradients); here the weights are constant, so they are put once, at model build, into the layout
 * the active backend's fastest path reads:
 * - a custom kernel where the backend registered one that supports the layer (WGSL on webgpu, GLSL
 *   on webgl, WebAssembly SIMD on wasm), reading the [P, K, F] kernel as trained;
 * - elsewhere (cpu, or wasm without its kernel): patches by a separable one-hot convolution (5 + 25
 *   taps instead of 25×25), then one depthwise convolution whose channels are the positions,
 *   against a filter transposed once at build time, with the bias and ReLU fused into it.
 * All give the composite op's sums (tested to 1e-5).
 */

/** Kernel name under which backends register their locally connected kernel. */
export const LC_KERNEL = 'WslLocallyConnected2D';

/** Static attributes of the custom kernel. */
export interface LcKernelAttrs extends NamedAttrMap {
  inH: number;
  inW: number;
  inC: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  outH: number;
  outW: number;
  filters: number;
  /** Applied in the kernel. */
  activation: 'linear' | 'relu';
}

/** Which layers a backend's custom kernel can run, by backend name. */
const kernelSupport = new Map<string, (attrs: LcKernelAttrs) => boolean>();

/**
 * Registers `kernelFunc` as `backendName`'s locally connected kernel (idempotent). The kernel gets
 * {x, kernel [P, K, F], bias [P, F]} and LcKernelAttrs, and applies the activation itself; layers
 * for which `supports` is false take the depthwise path instead.
 */
export function registerLocallyConnectedKernel(
  backendName: string,
  kernelFunc: KernelFunc,
  supports: (attrs: LcKernelAttrs) => boolean = () => true,
): void {
  if (kernelSupport.has(backendName)) return;
  if (!getKernel(LC_KERNEL, backendName)) registerKernel({ kernelName: LC_KERNEL, backendName, kernelFunc });
  kernelSupport.set(backendName, supports);
}

/** A locally connected layer's weights in the layout the active backend's path wants. */
export interface PreparedLocallyConnected {
  path: LocallyConnectedPath;
  /** 'kernel': [P, K, F] as trained; 'depthwise': [1, C·T, P, F] (patch index c·T + t). */
  weights: Tensor;
  /** 'kernel': [P, F] (zeros when the layer has none); 'depthwise': [P·F] (the depthwise output order) or null. */
  bias: Tensor | null;
  attrs: LcKernelAttrs;
  /** 'depthwise': the one-hot filters that extract patches, made once per build. */
  oneHot?: { rows: Tensor4D; cols: Tensor4D };
  /** Tensors created by preparation (the plan disposes them). */
  owned: Tensor[];
}

/** Prepares LC weights for inference on the active backend (once per model build). */
export function prepareLocallyConnected(
  kernel: Tensor3D,
  bias: Tensor2D | null,
  geometry: LocallyConnected2dGeometry,
  inShape: [number, number, number],
  activation: LcKernelAttrs['activation'] = 'linear',
): PreparedLocallyConnected {
  const [inH, inW, inC] = inShape;
  const [kh, kw] = geometry.kernelSize;
  const [sh, sw] = geometry.strides;
  const [outH, outW] = geometry.outShape;
  const filters = kernel.shape[2];
  const attrs: LcKernelAttrs = { inH, inW, inC, kh, kw, sh, sw, outH, outW, filters, activation };
  if (kernelSupport.get(getBackend())?.(attrs)) {
    const b = bias ?? zeros([outH * outW, filters]);
    return { path: 'kernel', weights: kernel, bias: b, attrs, owned: bias ? [] : [b] };
  }
  const weights = tidy(() => depthwiseFilter(kernel, inC));
  // A fresh buffer, not a reshape: tfjs-wasm reads a bias's rank from its data record, which a
  // reshape shares with the original [P, F] tensor (FusedDepthwiseConv2D then rejects it).
  const b = bias ? tensor1d(bias.dataSync() as Float32Array) : null;
  const oneHot = separableOneHot(kh, kw);
  return { path: 'depthwise', weights, bias: b, attrs, oneHot, owned: [weights, oneHot.rows, oneHot.cols, ...(b ? [b] : [])] };
}

/** LC forward pass with its (fused) activation: [B, inH, inW, inC] → [B, outH, outW, F]. */
export function locallyConnectedForward(x: Tensor4D, w: PreparedLocallyConnected): Tensor4D {
  const { inH, inW, inC } = w.attrs;
  // Custom kernels trust their geometry (the wasm one has no bounds of its own inside tfjs's heap).
  if (x.shape[1] !== inH || x.shape[2] !== inW || x.shape[3] !== inC) {
    throw new Error(`locally connected layer expects [batch, ${inH}, ${inW}, ${inC}], got [${x.shape.join(', ')}]`);
  }
  if (w.path === 'kernel') {
    return engine().runKernel(LC_KERNEL, { x, kernel: w.weights, bias: w.bias as Tensor }, w.attrs) as Tensor4D;
  }
  const { sh, sw, outH, outW, filters } = w.attrs;
  const batch = x.shape[0];
  return tidy(() => {
    const { rows, cols } = w.oneHot!;
    // [B·C, outH, outW, T] with t = i·kw + j, then positions innermost: [B, 1, C·T, P].
    const windows = conv2d(conv2d(channelsAsImages(x), rows, [sh, 1], 'valid'), cols, [1, sw], 'valid');
    const patches = windowsAsColumns(windows, batch, inC);
    // Bias and ReLU run inside the depthwise kernel (no extra passes over the output).
    const y = fused.depthwiseConv2d({
      x: patches,
      filter: w.weights as Tensor4D,
      strides: 1,
      pad: 'valid',
      bias: w.bias ?? undefined,
      activation: w.attrs.activation,
    });
    return reshape(y, [batch, outH, outW, filters]);
  });
}

/**
 * Patch extraction in two one-hot convolutions: `rows` [kh, 1, 1, kh] copies the kh pixels of a
 * column window into channels i; `cols` [1, kw, kh, kh·kw] spreads them over j into channel i·kw + j.
 */
function separableOneHot(kh: number, kw: number): { rows: Tensor4D; cols: Tensor4D } {
  const rows = new Float32Array(kh * kh);
  for (let i = 0; i < kh; i++) rows[i * kh + i] = 1;
  const cols = new Float32Array(kw * kh * kh * kw);
  for (let j = 0; j < kw; j++) for (let i = 0; i < kh; i++) cols[(j * kh + i) * kh * kw + i * kw + j] = 1;
  return { rows: tensor4d(rows, [kh, 1, 1, kh]), cols: tensor4d(cols, [1, kw, kh, kh * kw]) };
}
