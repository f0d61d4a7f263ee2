import {
  add,
  conv2d,
  matMul,
  reshape,
  tensor4d,
  tidy,
  transpose,
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
 * Built from tfjs-core ops only (conv2d, transpose, reshape, one batched matMul), so it runs and is
 * differentiable on every backend. Patches come from a conv2d with a constant one-hot filter applied
 * to each channel separately (the batch and channel axes are merged), which costs kh·kw times less
 * than a one-hot conv over all channels at once. Faster per-backend kernels can replace the body
 * as long as this signature and weight layout stay.
 */
export function locallyConnected2d(
  x: Tensor4D,
  kernel: Tensor3D,
  bias: Tensor2D | null,
  geometry: LocallyConnected2dGeometry,
): Tensor4D {
  const [kh, kw] = geometry.kernelSize;
  const [sh, sw] = geometry.strides;
  const [outH, outW] = geometry.outShape;
  const [batch, inH, inW, inC] = x.shape;
  const positions = outH * outW;
  const patchSize = kh * kw * inC;
  const filters = kernel.shape[2];
  checkGeometry(x.shape, kernel.shape, bias?.shape ?? null, geometry);

  return tidy(() => {
    // [B, H, W, C] → [B·C, H, W, 1]: every channel becomes an image of its own.
    const perChannel: Tensor4D =
      inC === 1 ? x : reshape(transpose(x, [0, 3, 1, 2]), [batch * inC, inH, inW, 1]);
    // [B·C, outH, outW, kh·kw], channel t = i·kw + j.
    const windows = conv2d(perChannel, oneHotFilter(kh, kw), [sh, sw], 'valid');
    // → [P, B, kh·kw·C] with patch index (i·kw + j)·C + c.
    const patches =
      inC === 1
        ? transpose(reshape(windows, [batch, positions, patchSize]), [1, 0, 2])
        : reshape(
            transpose(reshape(windows, [batch, inC, positions, kh * kw]), [2, 0, 3, 1]),
            [positions, batch, patchSize],
          );
    // One batched product over positions: [P, B, K] × [P, K, F] → [P, B, F].
    let y = matMul(patches, kernel);
    if (bias) y = add(y, reshape(bias, [positions, 1, filters]));
    return reshape(transpose(y, [1, 0, 2]), [batch, outH, outW, filters]);
  });
}

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
