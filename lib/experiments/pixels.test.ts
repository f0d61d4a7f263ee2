import { describe, expect, it } from 'vitest';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { lastIndices, permuteSplit, pixelPermutation } from './pixels';

describe('the pixel permutation', () => {
  it('is a fixed, seeded reordering of all 784 positions', () => {
    const p = pixelPermutation(784);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: INPUT_PIXELS }, (_, i) => i));
    expect(pixelPermutation(784)).toEqual(p);
    expect(pixelPermutation(785)).not.toEqual(p);
  });

  it('moves the same pixels in every image and keeps the labels', () => {
    const images = new Uint8Array(2 * INPUT_PIXELS).map((_, i) => i % 251);
    const split = { count: 2, images, labels: Uint8Array.of(3, 7) };
    const p = pixelPermutation(1);
    const permuted = permuteSplit(split, p);
    for (const image of [0, 1])
      for (const k of [0, 100, 783]) expect(permuted.images[image * INPUT_PIXELS + k]).toBe(images[image * INPUT_PIXELS + p[k]]);
    expect(permuted.labels).toBe(split.labels);
    expect(() => permuteSplit(split, new Uint32Array(10))).toThrow(/784 entries, got 10/);
  });

  it('takes the validation split from the end', () => {
    expect([...lastIndices(10, 3)]).toEqual([7, 8, 9]);
    expect(() => lastIndices(3, 4)).toThrow(/last 4 of 3/);
  });
});
