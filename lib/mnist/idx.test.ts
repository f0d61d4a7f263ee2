import { describe, expect, it } from 'vitest';
import { encodeIdx, IDX_IMAGES_MAGIC, parseIdx, parseIdxImages, parseIdxLabels } from './idx';

const images = encodeIdx(
  [2, 3, 3],
  Uint8Array.from({ length: 18 }, (_, i) => i),
);
const labels = encodeIdx([3], Uint8Array.of(7, 0, 9));

describe('IDX reader', () => {
  it('reads images and labels with their dimensions', () => {
    const parsed = parseIdxImages(images, 'imgs', { count: 2, rows: 3, cols: 3 });
    expect([parsed.count, parsed.rows, parsed.cols]).toEqual([2, 3, 3]);
    expect(Array.from(parsed.pixels.subarray(9, 12))).toEqual([9, 10, 11]);
    expect(Array.from(parseIdxLabels(labels, 'labs', 3))).toEqual([7, 0, 9]);
  });

  it('names a wrong magic number', () => {
    expect(() => parseIdxImages(labels, 'labels-as-images')).toThrow('labels-as-images: bad magic number 0x00000801, expected 0x00000803');
  });

  it('names truncated data and a truncated header', () => {
    expect(() => parseIdx(images.subarray(0, images.length - 1), IDX_IMAGES_MAGIC, 'short')).toThrow(
      'short: truncated data, header promises 2×3×3 = 18 bytes but only 17 follow',
    );
    expect(() => parseIdx(images.subarray(0, 10), IDX_IMAGES_MAGIC, 'tiny')).toThrow('tiny: truncated header');
    expect(() => parseIdx(new Uint8Array(2), IDX_IMAGES_MAGIC, 'empty')).toThrow('too short');
  });

  it('rejects trailing bytes, wrong counts and wrong sizes', () => {
    const long = new Uint8Array(images.length + 1);
    long.set(images);
    expect(() => parseIdxImages(long, 'long')).toThrow('1 unexpected trailing bytes');
    expect(() => parseIdxImages(images, 'imgs', { count: 60000 })).toThrow('imgs: image count is 2, expected 60000');
    expect(() => parseIdxImages(images, 'imgs', { rows: 28 })).toThrow('imgs: rows is 3, expected 28');
  });

  it('rejects labels that are not digits', () => {
    expect(() => parseIdxLabels(encodeIdx([2], Uint8Array.of(3, 12)), 'labs')).toThrow('labs: label 12 at index 1');
  });
});
