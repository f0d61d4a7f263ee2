/**
 * Resize a single-channel image by area averaging: each output pixel is the mean of the source
 * area it covers, fractional overlaps weighted exactly. Downscaling keeps thin strokes as grey
 * instead of dropping them (as nearest-neighbour would); upscaling replicates pixels and blends
 * only where an output pixel straddles two source pixels.
 */
export function areaResample(
  source: Float32Array,
  sourceWidth: number,
  sourceHeight: number,
  targetWidth: number,
  targetHeight: number,
): Float32Array {
  if (source.length !== sourceWidth * sourceHeight) {
    throw new RangeError(`Expected ${sourceWidth * sourceHeight} values, got ${source.length}.`);
  }
  if (targetWidth < 1 || targetHeight < 1 || !Number.isInteger(targetWidth) || !Number.isInteger(targetHeight)) {
    throw new RangeError(`Target size must be positive integers, got ${targetWidth}×${targetHeight}.`);
  }
  const columns = axisWeights(sourceWidth, targetWidth);
  const rows = axisWeights(sourceHeight, targetHeight);

  const horizontal = new Float32Array(targetWidth * sourceHeight);
  for (let y = 0; y < sourceHeight; y++) {
    for (let x = 0; x < targetWidth; x++) {
      const { first, weights } = columns[x];
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * source[y * sourceWidth + first + k];
      horizontal[y * targetWidth + x] = sum;
    }
  }

  const out = new Float32Array(targetWidth * targetHeight);
  for (let y = 0; y < targetHeight; y++) {
    const { first, weights } = rows[y];
    for (let x = 0; x < targetWidth; x++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * horizontal[(first + k) * targetWidth + x];
      out[y * targetWidth + x] = sum;
    }
  }
  return out;
}

/** For each output index: the first source index it overlaps and normalised overlap weights. */
function axisWeights(sourceLength: number, targetLength: number): { first: number; weights: number[] }[] {
  const span = sourceLength / targetLength;
  return Array.from({ length: targetLength }, (_, j) => {
    const start = j * span;
    const end = Math.min(sourceLength, (j + 1) * span);
    const first = Math.floor(start);
    const weights: number[] = [];
    for (let k = first; k < end; k++) weights.push((Math.min(end, k + 1) - Math.max(start, k)) / span);
    return { first, weights };
  });
}
