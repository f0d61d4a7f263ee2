import { describe, expect, it } from 'vitest';
import { estimateBackground } from './background';

/** Paper whose luminance falls from 230 on the left to 130 on the right, with dark vertical strokes. */
function litPaper(width: number, height: number, strokes: { x: number; w: number }[]): Float32Array {
  const lum = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const onStroke = strokes.some((s) => x >= s.x && x < s.x + s.w);
      lum[y * width + x] = onStroke ? 20 : paperAt(x, width);
    }
  }
  return lum;
}

const paperAt = (x: number, width: number) => 230 - (100 * x) / (width - 1);

describe('estimateBackground', () => {
  it('follows the lighting under the ink, not the ink', () => {
    const width = 320;
    const height = 160;
    const lum = litPaper(width, height, [
      { x: 60, w: 12 },
      { x: 200, w: 16 },
    ]);
    const background = estimateBackground(lum, width, height, true, { low: 130, high: 230 });
    for (const x of [66, 208, 10, 300]) {
      expect(Math.abs(background[80 * width + x] - paperAt(x, width))).toBeLessThan(12);
    }
  });

  it('stays inside the range the border shows, so thick strokes on an even background survive', () => {
    const width = 200;
    const lum = new Float32Array(width * width).fill(0);
    for (let y = 40; y < 160; y++) for (let x = 60; x < 140; x++) lum[y * width + x] = 255; // an 80 px blob of ink
    const background = estimateBackground(lum, width, width, false, { low: 0, high: 0 });
    expect(background.every((v) => v === 0)).toBe(true);
  });

  it('mirrors for light ink on a dark background', () => {
    const width = 160;
    const lum = new Float32Array(width * width).map((_, i) => 20 + (60 * (i % width)) / width);
    for (let y = 20; y < 140; y++) for (let x = 70; x < 80; x++) lum[y * width + x] = 250;
    const background = estimateBackground(lum, width, width, false, { low: 20, high: 80 });
    expect(Math.abs(background[80 * width + 75] - lum[80 * width + 66])).toBeLessThan(10);
  });
});
