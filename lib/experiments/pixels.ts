import { INPUT_PIXELS } from '@/lib/digits/constants';
import type { MnistSplit } from '@/lib/mnist/load';
import { mulberry32, shuffledIndices, streamSeed } from '@/lib/random/prng';

/** One fixed seeded permutation of the 784 pixel positions: output pixel k takes input pixel permutation[k]. */
export function pixelPermutation(seed: number): Uint32Array {
  return shuffledIndices(INPUT_PIXELS, mulberry32(streamSeed(seed, 'pixel-permutation')));
}

/**
 * The split with every image's pixels permuted the same way: which pixels are neighbours is lost,
 * everything else (the pixel values, the labels, what an MLP can learn) is kept.
 */
export function permuteSplit(split: MnistSplit, permutation: Uint32Array): MnistSplit {
  if (permutation.length !== INPUT_PIXELS) throw new RangeError(`a pixel permutation has ${INPUT_PIXELS} entries, got ${permutation.length}`);
  const images = new Uint8Array(split.images.length);
  for (let offset = 0; offset < images.length; offset += INPUT_PIXELS)
    for (let k = 0; k < INPUT_PIXELS; k++) images[offset + k] = split.images[offset + permutation[k]];
  return { count: split.count, images, labels: split.labels };
}

/** Indices of the last `n` of `count` images (the validation split at the end of the training images). */
export function lastIndices(count: number, n: number): Uint32Array {
  if (n > count) throw new RangeError(`cannot take the last ${n} of ${count} images`);
  return Uint32Array.from({ length: n }, (_, i) => count - n + i);
}
