import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '@/lib/mnist/load';
import { INPUT_PIXELS, INPUT_SIZE } from './constants';
import { checkImageFile, MAGIC_BYTES_LENGTH } from './image-file';
import { preprocess, type RgbaImage } from './preprocess';
import { shiftImage } from './shift';
import { DIGIT_FIXTURES, expectedFileFor, readGoldenFile, REJECTED_FIXTURES } from './testing/golden';
import { meanAbsDiff } from './testing/images';

/**
 * Golden fixtures (testing/golden/, made by testing/generate-golden.ts): real PNG files decoded as
 * an upload would be, preprocessed, and compared with the committed 28×28 expectations. Regenerate
 * them only when preprocessing changes on purpose.
 */
const mnist = loadMnist('test');

function readPng(file: string): RgbaImage {
  const png = PNG.sync.read(readGoldenFile(file));
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

/** Red channel of a 28×28 greyscale PNG. */
function readExpected(file: string): Uint8Array {
  const { data, width, height } = readPng(file);
  expect([width, height]).toEqual([INPUT_SIZE, INPUT_SIZE]);
  return Uint8Array.from({ length: INPUT_PIXELS }, (_, i) => data[i * 4]);
}

describe('golden digit fixtures', () => {
  it.each(DIGIT_FIXTURES.filter((f) => f.expect === 'digit'))('$file preprocesses to its expected image', (fixture) => {
    const result = preprocess(readPng(fixture.file));
    expect(result.blank).toBe(false);
    expect(result.inverted).toBe(fixture.inverted);
    expect(result.pixels).toEqual(readExpected(expectedFileFor(fixture.file)));

    // The expectation itself must look like the MNIST digit it was drawn from (up to a 1 px offset).
    const index = fixture.mnistIndex ?? -1;
    const original = mnist.images.slice(index * INPUT_PIXELS, (index + 1) * INPUT_PIXELS);
    const offsets = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => ({ dx, dy })));
    const best = Math.min(...offsets.map(({ dx, dy }) => meanAbsDiff(shiftImage(result.pixels, dx, dy), original)));
    expect(best).toBeLessThan(6);
  });

  it.each(DIGIT_FIXTURES.filter((f) => f.expect === 'blank'))('$file is reported blank', (fixture) => {
    expect(preprocess(readPng(fixture.file)).blank).toBe(true);
  });

  it('passes the upload checks for every digit fixture', () => {
    for (const fixture of DIGIT_FIXTURES) {
      const bytes = readGoldenFile(fixture.file);
      expect(checkImageFile({ size: bytes.length, head: bytes.subarray(0, MAGIC_BYTES_LENGTH) })).toEqual({
        ok: true,
        kind: 'png',
      });
    }
  });

  it('rejects the text file by its bytes despite its .png name', () => {
    const bytes = readGoldenFile('not-an-image.png');
    expect(checkImageFile({ size: bytes.length, head: bytes.subarray(0, MAGIC_BYTES_LENGTH) })).toEqual({
      ok: false,
      message: REJECTED_FIXTURES[0].message,
    });
  });

  it('has a truncated PNG that passes the magic-byte check but cannot be decoded', () => {
    const bytes = readGoldenFile('truncated.png');
    expect(checkImageFile({ size: bytes.length, head: bytes.subarray(0, MAGIC_BYTES_LENGTH) }).ok).toBe(true);
    expect(() => PNG.sync.read(bytes)).toThrow();
  });
});
