import { describe, expect, it } from 'vitest';
import { INPUT_PIXELS } from '@/lib/digits/constants';
import { evaluateInChunks, type ChunkRunner } from './evaluation';

/** A fake model that reads each digit's first pixel as its answer, and misreads every digit under the second shift. */
const firstPixelModel: ChunkRunner = async (images, digits) => {
  const tops = new Int32Array(digits * 2);
  for (let d = 0; d < digits; d++) {
    tops[d * 2] = images[d * INPUT_PIXELS];
    tops[d * 2 + 1] = 99;
  }
  return { tops, method: 'equivariant' };
};

describe('evaluateInChunks', () => {
  it('counts correct top-1s per shift over chunks of at most 1,024 shifted images, reporting progress', async () => {
    const count = 1500;
    const images = new Uint8Array(count * INPUT_PIXELS);
    const labels = new Uint8Array(count);
    for (let d = 0; d < count; d++) {
      labels[d] = d % 10;
      images[d * INPUT_PIXELS] = d % 3 === 0 ? 42 : d % 10; // every third digit is misread
    }
    const chunks: number[] = [];
    const progress: Array<[number, number]> = [];
    const runner: ChunkRunner = (chunk, digits) => (chunks.push(digits), firstPixelModel(chunk, digits));
    const shifts = [
      { dx: 0, dy: 0 },
      { dx: 1, dy: 0 },
    ];
    const result = await evaluateInChunks({ images, labels }, shifts, runner, (done, total) => progress.push([done, total]));
    expect(chunks).toEqual([512, 512, 476]);
    expect(progress).toEqual([
      [1024, 3000],
      [2048, 3000],
      [3000, 3000],
    ]);
    expect(result).toMatchObject({ accuracyByShift: [1000 / 1500, 0], accuracy: 1000 / 3000, evaluated: 3000, method: 'equivariant' });
  });

  it('answers zeros for no digits', async () => {
    const result = await evaluateInChunks(
      { images: new Uint8Array(0), labels: new Uint8Array(0) },
      [{ dx: 0, dy: 0 }],
      firstPixelModel,
      () => {},
    );
    expect(result).toMatchObject({ accuracyByShift: [0], accuracy: 0, evaluated: 0, method: 'batched' });
  });
});
