/**
 * Did anything like weight sharing emerge in a locally connected layer? Its kernel is
 * [P, K, F] (P = outH·outW positions, K = kh·kw·inC taps, F filters); for one filter, every
 * position has its own K-vector. Shared weights would make neighbouring kernels identical (cosine
 * similarity 1); independent ones sit near 0.
 */

/** Geometry of a locally connected kernel. */
export interface LcKernelShape {
  outH: number;
  outW: number;
  /** Taps per kernel: kh·kw·inC. */
  taps: number;
  filters: number;
}

function kernelAt(kernel: Float32Array, shape: LcKernelShape, position: number, filter: number, out: Float32Array): Float32Array {
  for (let k = 0; k < shape.taps; k++) out[k] = kernel[(position * shape.taps + k) * shape.filters + filter];
  return out;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** One filter's kernels as [P, taps] (position-major), e.g. to draw the mosaic. */
export function filterKernels(kernel: Float32Array, shape: LcKernelShape, filter: number): Float32Array {
  const out = new Float32Array(shape.outH * shape.outW * shape.taps);
  const buffer = new Float32Array(shape.taps);
  for (let p = 0; p < shape.outH * shape.outW; p++) out.set(kernelAt(kernel, shape, p, filter, buffer), p * shape.taps);
  return out;
}

/** Per position: mean cosine similarity of its kernel with those of its (up to 4) direct neighbours. */
export function neighbourSimilarity(kernel: Float32Array, shape: LcKernelShape, filter: number): Float32Array {
  const { outH, outW } = shape;
  const kernels = filterKernels(kernel, shape, filter);
  const at = (p: number) => kernels.subarray(p * shape.taps, (p + 1) * shape.taps);
  const out = new Float32Array(outH * outW);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let sum = 0;
      let n = 0;
      for (const [dy, dx] of [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
      ] as const) {
        const ny = y + dy;
        const nx = x + dx;
        if (ny < 0 || ny >= outH || nx < 0 || nx >= outW) continue;
        sum += cosine(at(y * outW + x), at(ny * outW + nx));
        n++;
      }
      out[y * outW + x] = sum / n;
    }
  }
  return out;
}

/**
 * Mean cosine similarity between the kernels of positions `d` apart along a row or a column, for
 * d = 1…maxDistance, over every filter.
 */
export function similarityByDistance(
  kernel: Float32Array,
  shape: LcKernelShape,
  maxDistance: number,
): { distance: number; mean: number; pairs: number }[] {
  const { outH, outW, taps, filters } = shape;
  const a = new Float32Array(taps);
  const b = new Float32Array(taps);
  return Array.from({ length: maxDistance }, (_, i) => {
    const d = i + 1;
    let sum = 0;
    let pairs = 0;
    for (let f = 0; f < filters; f++) {
      for (let y = 0; y < outH; y++) {
        for (let x = 0; x < outW; x++) {
          kernelAt(kernel, shape, y * outW + x, f, a);
          for (const neighbour of [x + d < outW ? y * outW + x + d : -1, y + d < outH ? (y + d) * outW + x : -1]) {
            if (neighbour < 0) continue;
            sum += cosine(a, kernelAt(kernel, shape, neighbour, f, b));
            pairs++;
          }
        }
      }
    }
    return { distance: d, mean: pairs ? sum / pairs : NaN, pairs };
  });
}
