import {
  add,
  conv2d,
  customGrad,
  depthwiseConv2d,
  reshape,
  tensor4d,
  tidy,
  transpose,
  type GradSaveFunc,
  type Tensor,
  type Tensor2D,
  type Tensor3D,
  type Tensor4D,
} from '@tensorflow/tfjs-core';

/** Static geometry of a locally connected layer (valid padding). */
export interface LocallyConnected2dGeometry {
  /** [kernelHeight, kernelWidth]. */
  kernelSize: readonly [number, number];
  /** [strideHeight, strideWidth]. */
  strides: readonly [number, number];
  /** [outHeight, outWidth] = floor((in − kernel) / stride) + 1 per axis. */
  outShape: readonly [number, number];
}

/** Output side of a valid, strided window sweep. */
export function validOutputSize(inSize: number, kernel: number, stride: number): number {
  return Math.floor((inSize - kernel) / stride) + 1;
}

/**
 * Forward pass of a 2-D locally connected layer: like a valid Conv2D, but every output position
 * (p = y·outW + x) has its own kernel and bias.
 *
 * @param x       input, [batch, inH, inW, inC] (NHWC).
 * @param kernel  [outH·outW, kh·kw·inC, filters]; the patch index is (i·kw + j)·inC + c, the same
 *                order as a Conv2D filter [kh, kw, inC, filters] flattened.
 * @param bias    [outH·outW, filters], or null for no bias.
 * @returns       [batch, outH, outW, filters], no activation applied.
 *
 * Built from tfjs-core ops only, so it runs and is differentiable on every backend:
 * 1. patches: a conv2d with a constant one-hot filter, applied to each channel as its own image,
 *    then transposed to [batch, 1, inC·kh·kw, positions] (positions innermost);
 * 2. product: one depthwise conv2d whose channels are the positions and whose 1 × K window is the
 *    patch — a per-position [K] × [K, filters] product in a single call. On wasm this is an
 *    XNNPACK grouped convolution, several times faster than the equivalent batched matMul
 *    [P, B, K] × [P, K, F], which tfjs-wasm runs on a scalar fallback path.
 * Gradients of the patch extraction are tfjs-core's registered ones (importing tfjs-layers registers
 * them). The product has a custom gradient made of depthwise conv2d forward calls, because tfjs-wasm has
 * no depthwise backprop kernels. Faster per-backend kernels can replace the body as long as this
 * signature and the weight layout stay.
 */
export function locallyConnected2d(
  x: Tensor4D,
  kernel: Tensor3D,
  bias: Tensor2D | null,
  geometry: LocallyConnected2dGeometry,
): Tensor4D {
  const [outH, outW] = geometry.outShape;
  const [batch, , , inC] = x.shape;
  const filters = kernel.shape[2];
  checkGeometry(x.shape, kernel.shape, bias?.shape ?? null, geometry);

  return tidy(() => {
    const patches = extractPatches(x, geometry); // [B, 1, C·T, P], patch index c·T + t
    let y: Tensor = reshape(perPositionProduct(patches, depthwiseFilter(kernel, inC)), [batch, outH, outW, filters]);
    if (bias) y = add(y, reshape(bias, [outH, outW, filters]));
    return y as Tensor4D;
  });
}

/** [B, H, W, C] → [B, 1, C·kh·kw, outH·outW]: every window as a column, positions innermost. */
function extractPatches(x: Tensor4D, { kernelSize: [kh, kw], strides }: LocallyConnected2dGeometry): Tensor4D {
  // [B·C, outH, outW, T]: output channel t = i·kw + j copies window pixel (i, j).
  const windows = conv2d(channelsAsImages(x), oneHotFilter(kh, kw), [strides[0], strides[1]], 'valid');
  return windowsAsColumns(windows, x.shape[0], x.shape[3]);
}

/** [B, H, W, C] → [B·C, H, W, 1]: each channel an image of its own, for one-hot window convolutions. */
export function channelsAsImages(x: Tensor4D): Tensor4D {
  const [batch, inH, inW, inC] = x.shape;
  return inC === 1 ? x : reshape(transpose(x, [0, 3, 1, 2]), [batch * inC, inH, inW, 1]);
}

/** Windows [B·C, outH, outW, T] (t = i·kw + j) → patch columns [B, 1, C·T, outH·outW] (index c·T + t), positions innermost. */
export function windowsAsColumns(windows: Tensor4D, batch: number, inC: number): Tensor4D {
  const [, outH, outW, taps] = windows.shape;
  return reshape(transpose(reshape(windows, [batch, inC, outH * outW, taps]), [0, 1, 3, 2]), [batch, 1, inC * taps, outH * outW]);
}

/** Kernel [P, T·C, F] (index t·C + c) → the depthwise filter [1, C·T, P, F] (index c·T + t) the patch columns meet. */
export function depthwiseFilter(kernel: Tensor3D, inC: number): Tensor4D {
  const [positions, k, filters] = kernel.shape;
  const taps = k / inC;
  return reshape(transpose(reshape(kernel, [positions, taps, inC, filters]), [2, 1, 0, 3]), [1, k, positions, filters]);
}

/**
 * out[b, p·F + f] = Σ_k patches[b, 0, k, p] · filter[0, k, p, f], as a valid depthwise conv
 * (channels = positions, channel multiplier = filters), with gradients expressed as depthwise
 * convs too:
 *   d patches[b, k, p] = Σ_f dy[b, p, f] · filter[k, p, f]  (window over f, multiplier k)
 *   d filter[k, p, f]  = Σ_b patches[b, k, p] · dy[b, p, f]  (window over b, multiplier f)
 */
const perPositionProduct = customGrad((patchesIn: Tensor | GradSaveFunc, filterIn: Tensor | GradSaveFunc, saveIn: Tensor | GradSaveFunc) => {
  const patches = patchesIn as Tensor4D;
  const filter = filterIn as Tensor4D;
  (saveIn as GradSaveFunc)([patches, filter]);
  const value = depthwiseConv2d(patches, filter, 1, 'valid'); // [B, 1, 1, P·F]
  const gradFunc = (dy: Tensor, saved: Tensor[]): Tensor[] => {
    const [savedPatches, savedFilter] = saved as Tensor4D[];
    const [batch, , k, p] = savedPatches.shape;
    const f = savedFilter.shape[3];
    // dy as an image of width F with P channels: [B, 1, F, P]; filter as [1, F, P, K].
    const dyWide = reshape(transpose(reshape(dy, [batch, p, f]), [0, 2, 1]), [batch, 1, f, p]) as Tensor4D;
    const filterT = reshape(transpose(reshape(savedFilter, [k, p, f]), [2, 1, 0]), [1, f, p, k]) as Tensor4D;
    const dPatches = reshape(
      transpose(reshape(depthwiseConv2d(dyWide, filterT, 1, 'valid'), [batch, p, k]), [0, 2, 1]),
      [batch, 1, k, p],
    );
    // Patches as an image of height B and width K; dy as a [B, 1] window with F outputs per channel.
    const dFilter = reshape(
      depthwiseConv2d(reshape(savedPatches, [1, batch, k, p]) as Tensor4D, reshape(dy, [batch, 1, p, f]) as Tensor4D, 1, 'valid'),
      [1, k, p, f],
    );
    return [dPatches, dFilter];
  };
  return { value, gradFunc };
});

const oneHotCache = new Map<string, Float32Array>();

/** [kh, kw, 1, kh·kw] filter whose output channel i·kw + j copies input pixel (i, j) of the window. */
function oneHotFilter(kh: number, kw: number): Tensor4D {
  const key = `${kh}x${kw}`;
  let values = oneHotCache.get(key);
  if (!values) {
    const taps = kh * kw;
    values = new Float32Array(taps * taps);
    for (let t = 0; t < taps; t++) values[t * taps + t] = 1;
    oneHotCache.set(key, values);
  }
  return tensor4d(values, [kh, kw, 1, kh * kw]);
}

function checkGeometry(
  xShape: readonly number[],
  kernelShape: readonly number[],
  biasShape: readonly number[] | null,
  { kernelSize: [kh, kw], strides: [sh, sw], outShape: [outH, outW] }: LocallyConnected2dGeometry,
): void {
  const [, inH, inW, inC] = xShape;
  const expectH = validOutputSize(inH, kh, sh);
  const expectW = validOutputSize(inW, kw, sw);
  if (expectH !== outH || expectW !== outW) {
    throw new Error(
      `locallyConnected2d: input ${inH}×${inW} with kernel ${kh}×${kw} and strides ${sh}×${sw} ` +
        `gives output ${expectH}×${expectW}, but outShape is ${outH}×${outW}`,
    );
  }
  const positions = outH * outW;
  const patchSize = kh * kw * inC;
  if (kernelShape[0] !== positions || kernelShape[1] !== patchSize) {
    throw new Error(
      `locallyConnected2d: kernel shape [${kernelShape}] should be [${positions}, ${patchSize}, filters]`,
    );
  }
  if (biasShape && (biasShape[0] !== positions || biasShape[1] !== kernelShape[2])) {
    throw new Error(
      `locallyConnected2d: bias shape [${biasShape}] should be [${positions}, ${kernelShape[2]}]`,
    );
  }
}
