import { describe, expect, it } from 'vitest';
import { INPUT_PIXELS, INPUT_SIZE } from './constants';
import { DIGIT_BOX_SIZE, preprocess, type RgbaImage } from './preprocess';
import { shiftImage } from './shift';
import { loadMnist } from '@/lib/mnist/load';
import { BLACK, fillRect, meanAbsDiff, renderGrey, seededRandom, solidImage, TRANSPARENT, WHITE, type Rgba } from './testing/images';

/** A thick "1" with a flag and a foot, drawn on a 200×200 canvas. */
function drawOne(background: Rgba, ink: Rgba, offsetX = 0, offsetY = 0, scale = 1): RgbaImage {
  const image = solidImage(200, 200, background);
  const s = (v: number) => Math.round(v * scale);
  fillRect(image, offsetX + s(90), offsetY + s(40), s(20), s(120), ink); // stem
  fillRect(image, offsetX + s(70), offsetY + s(40), s(20), s(16), ink); // flag
  fillRect(image, offsetX + s(70), offsetY + s(150), s(60), s(12), ink); // foot
  return image;
}

function centreOfMass(pixels: Uint8Array): { x: number; y: number } {
  let mass = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < pixels.length; i++) {
    mass += pixels[i];
    x += pixels[i] * (i % INPUT_SIZE);
    y += pixels[i] * Math.floor(i / INPUT_SIZE);
  }
  return { x: x / mass, y: y / mass };
}

function inkBox(pixels: Uint8Array): { width: number; height: number } {
  let x0 = INPUT_SIZE,
    y0 = INPUT_SIZE,
    x1 = -1,
    y1 = -1;
  pixels.forEach((v, i) => {
    if (v === 0) return;
    const x = i % INPUT_SIZE;
    const y = Math.floor(i / INPUT_SIZE);
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  });
  return { width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Add seeded noise (and optionally a shadow falling off from the left edge) to every pixel. */
function paperify(image: RgbaImage, amplitude: number, shadow = 0): RgbaImage {
  const random = seededRandom(7);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = (y * image.width + x) * 4;
      const darken = shadow * Math.max(0, 1 - x / (image.width * 0.3));
      const delta = (random() * 2 - 1) * amplitude - darken;
      for (let c = 0; c < 3; c++) image.data[p + c] = image.data[p + c] + delta;
    }
  }
  return image;
}

const mnist = loadMnist('test');

/** The `index`-th MNIST test digit. */
function mnistDigit(index: number): Uint8Array {
  return mnist.images.slice(index * INPUT_PIXELS, (index + 1) * INPUT_PIXELS);
}

describe('preprocess', () => {
  const reference = preprocess(drawOne(WHITE, BLACK));

  it('returns a 28×28 byte image with the ink scaled to 20 px and centred by mass', () => {
    expect(reference.blank).toBe(false);
    expect(reference.pixels).toBeInstanceOf(Uint8Array);
    expect(reference.pixels).toHaveLength(INPUT_PIXELS);
    expect(inkBox(reference.pixels).height).toBe(DIGIT_BOX_SIZE);
    const com = centreOfMass(reference.pixels);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(reference.bbox).toEqual({ x: 70, y: 40, width: 60, height: 122 });
    expect(Math.max(...reference.pixels)).toBe(255);
  });

  it('gives the same result for black-on-white and white-on-black', () => {
    const light = preprocess(drawOne(BLACK, WHITE));
    expect(reference.inverted).toBe(true);
    expect(light.inverted).toBe(false);
    expect(light.pixels).toEqual(reference.pixels);
  });

  it('treats a transparent background as background whatever the stroke colour', () => {
    const darkStrokes = preprocess(drawOne(TRANSPARENT, BLACK));
    const lightStrokes = preprocess(drawOne(TRANSPARENT, WHITE));
    expect(darkStrokes.pixels).toEqual(reference.pixels);
    expect(lightStrokes.pixels).toEqual(reference.pixels);
    expect(darkStrokes.inverted).toBe(true);
    expect(lightStrokes.inverted).toBe(false);
  });

  it('centres and scales up a small off-centre digit', () => {
    const small = preprocess(drawOne(WHITE, BLACK, 120, 5, 0.4));
    expect(small.bbox).toEqual({ x: 120 + 28, y: 5 + 16, width: 24, height: 49 });
    expect(inkBox(small.pixels).height).toBe(DIGIT_BOX_SIZE);
    const com = centreOfMass(small.pixels);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(meanAbsDiff(small.pixels, reference.pixels)).toBeLessThan(8);
  });

  it('finds dark ink on noisy light-grey paper with a shadow, without speckles', () => {
    const paper = paperify(drawOne([200, 195, 185, 255], [40, 40, 60, 255]), 18, 50);
    const result = preprocess(paper);
    expect(result.blank).toBe(false);
    expect(result.inverted).toBe(true);
    expect(result.bbox).toEqual(reference.bbox);
    expect(meanAbsDiff(result.pixels, reference.pixels)).toBeLessThan(6);
  });

  it('follows a lighting gradient across the whole page', () => {
    // Paper goes from 235 (top left) to 120 (bottom right): darker than some ink-to-paper contrasts.
    const lit = drawOne(WHITE, [30, 30, 30, 255]);
    for (let y = 0; y < lit.height; y++) {
      for (let x = 0; x < lit.width; x++) {
        const p = (y * lit.width + x) * 4;
        if (lit.data[p] !== 255) continue;
        const level = 235 - (115 * (x + y)) / (lit.width + lit.height);
        lit.data.set([level, level, level], p);
      }
    }
    const result = preprocess(paperify(lit, 8));
    expect(result.bbox).toEqual(reference.bbox);
    expect(meanAbsDiff(result.pixels, reference.pixels)).toBeLessThan(6);
  });

  it('keeps thick marker strokes whole on an unevenly lit page', () => {
    // Strokes 3× the usual width, on paper darkening from 235 to 140 left to right.
    const thick = (background: Rgba) => drawOne(background, [25, 25, 25, 255], -40, -20, 1.6);
    const lit = thick(WHITE);
    for (let y = 0; y < lit.height; y++) {
      for (let x = 0; x < lit.width; x++) {
        const p = (y * lit.width + x) * 4;
        if (lit.data[p] === 255) lit.data.fill(235 - (95 * x) / lit.width, p, p + 3);
      }
    }
    const clean = preprocess(thick(WHITE));
    const result = preprocess(paperify(lit, 6));
    expect(result.bbox).toEqual(clean.bbox);
    expect(meanAbsDiff(result.pixels, clean.pixels)).toBeLessThan(4);
  });

  it('keeps ink that runs along and off the edges of the image', () => {
    // A "7" whose bar lies on the top edge and whose stem leaves at the bottom, on a drawing pad.
    const seven = fillRect(solidImage(280, 280, BLACK), 40, 0, 200, 30, WHITE);
    for (let y = 0; y < 280; y++) fillRect(seven, 210 - Math.round(y * 0.4), y, 30, 1, WHITE);
    const result = preprocess(seven);
    expect(result.blank).toBe(false);
    expect(result.bbox).toEqual({ x: 40, y: 0, width: 200, height: 280 });
    expect(inkBox(result.pixels).height).toBe(DIGIT_BOX_SIZE);
  });

  it('ignores glare brighter than the paper', () => {
    const glare = fillRect(drawOne([190, 190, 190, 255], BLACK), 10, 10, 40, 40, WHITE);
    const result = preprocess(glare);
    expect(result.inverted).toBe(true);
    expect(result.bbox).toEqual(reference.bbox);
  });

  it.each([
    ['white', solidImage(64, 48, WHITE)],
    ['black', solidImage(64, 48, BLACK)],
    ['transparent', solidImage(64, 48, TRANSPARENT)],
    ['noisy paper', paperify(solidImage(300, 200, [210, 205, 200, 255]), 20, 40)],
    ['a faint smudge', fillRect(solidImage(100, 100, WHITE), 40, 40, 20, 20, [240, 240, 240, 255])],
    ['a single 1 px dust speck', fillRect(solidImage(100, 100, WHITE), 50, 50, 1, 1, BLACK)],
  ])('reports a %s image as blank', (_name, image) => {
    const result = preprocess(image);
    expect(result.blank).toBe(true);
    expect(result.bbox).toBeNull();
    expect(result.pixels).toEqual(new Uint8Array(INPUT_PIXELS));
  });

  it('is deterministic', () => {
    const paper = () => paperify(drawOne([220, 220, 220, 255], [30, 30, 30, 255]), 15, 30);
    expect(preprocess(paper()).pixels).toEqual(preprocess(paper()).pixels);
  });

  it('keeps a thin 1 px line as ink', () => {
    const line = fillRect(solidImage(100, 100, BLACK), 50, 10, 1, 80, WHITE);
    const result = preprocess(line);
    expect(result.blank).toBe(false);
    expect(result.bbox).toEqual({ x: 50, y: 10, width: 1, height: 80 });
  });

  it('handles 1×1 and very wide images', () => {
    expect(preprocess(solidImage(1, 1, WHITE)).blank).toBe(true);
    const dash = preprocess(fillRect(solidImage(400, 20, WHITE), 20, 8, 360, 4, BLACK));
    expect(inkBox(dash.pixels).width).toBe(DIGIT_BOX_SIZE);
  });

  it('rejects a buffer that does not match the size', () => {
    expect(() => preprocess({ data: new Uint8ClampedArray(10), width: 2, height: 2 })).toThrow(RangeError);
    expect(() => preprocess({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toThrow(RangeError);
  });

  describe('golden: real MNIST test digits rendered at 4× come back as themselves', () => {
    // MNIST rounds the centre-of-mass placement its own way, so allow a one-pixel offset. For scale:
    // two different MNIST digits of the same class differ by ~30–40 on this measure.
    const bestAlignedDiff = (a: Uint8Array, b: Uint8Array) =>
      Math.min(...[-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => meanAbsDiff(shiftImage(a, dx, dy), b))));

    it.each(['dark', 'light'] as const)('the first 50 digits, %s ink', (ink) => {
      const diffs = Array.from({ length: 50 }, (_, index) => {
        const original = mnistDigit(index);
        const result = preprocess(renderGrey(original, INPUT_SIZE, 4, ink));
        expect(result.inverted).toBe(ink === 'dark');
        const before = inkBox(original);
        const after = inkBox(result.pixels);
        // Anti-aliased fringes fainter than 10 % of the ink are dropped, which may trim a pixel a side.
        expect(Math.abs(after.width - before.width)).toBeLessThanOrEqual(2);
        expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(2);
        const com = centreOfMass(result.pixels);
        expect(Math.hypot(com.x - 14, com.y - 14)).toBeLessThan(0.75);
        return bestAlignedDiff(result.pixels, original);
      });
      expect(Math.max(...diffs)).toBeLessThan(5);
      expect(diffs.reduce((sum, d) => sum + d, 0) / diffs.length).toBeLessThan(2);
    });
  });
});
