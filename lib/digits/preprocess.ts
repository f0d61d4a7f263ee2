import { INPUT_PIXELS, INPUT_SIZE } from './constants';
import { extractInk } from './ink';
import { areaResample } from './resample';
import type { RgbaImage } from './rgba';

export type { RgbaImage } from './rgba';

/** Side of the box the ink is scaled into before centring, as in MNIST (20 in a 28 field). */
export const DIGIT_BOX_SIZE = 20;

/** A rectangle in source-image pixels. */
export interface BoundingBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PreprocessResult {
  /** 28×28 row-major, 0 = background, 255 = ink; all zeros when `blank`. */
  pixels: Uint8Array;
  /** No ink stands out from the background: the UI should say "The image looks blank". */
  blank: boolean;
  /** The ink was darker than the background (e.g. pen on paper), so the image was inverted. */
  inverted: boolean;
  /** Where the ink was found in the source image; null when `blank`. */
  bbox: BoundingBox | null;
}

/**
 * Turn any RGBA image of a digit into a 28×28 MNIST-style input, the way MNIST was made:
 * ink becomes bright on black, the ink's bounding box is scaled (area averaging, aspect kept)
 * to fit 20×20, and the result is placed so its centre of mass sits at (14, 14).
 *
 * Dark-on-light and light-on-dark images give the same result; see `extractInk` for how ink is
 * told from background (border statistics, transparency, uneven lighting, noise).
 */
export function preprocess(image: RgbaImage): PreprocessResult {
  assertRgbaImage(image);
  const { ink, inverted } = extractInk(image);
  const bbox = ink && inkBoundingBox(ink, image.width, image.height);
  if (!ink || !bbox) return { pixels: new Uint8Array(INPUT_PIXELS), blank: true, inverted, bbox: null };
  return { pixels: fitAndCentre(ink, image.width, bbox), blank: false, inverted, bbox };
}

function assertRgbaImage({ data, width, height }: RgbaImage): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`Image size must be positive integers, got ${width}×${height}.`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(`Expected ${width * height * 4} RGBA bytes for ${width}×${height}, got ${data.length}.`);
  }
}

function inkBoundingBox(ink: Float32Array, width: number, height: number): BoundingBox | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] <= 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Scale the box to fit DIGIT_BOX_SIZE (aspect kept), then place it by centre of mass. */
function fitAndCentre(ink: Float32Array, width: number, box: BoundingBox): Uint8Array {
  const crop = new Float32Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * width + box.x;
    crop.set(ink.subarray(from, from + box.width), y * box.width);
  }
  const scale = DIGIT_BOX_SIZE / Math.max(box.width, box.height);
  const fitWidth = Math.max(1, Math.min(DIGIT_BOX_SIZE, Math.round(box.width * scale)));
  const fitHeight = Math.max(1, Math.min(DIGIT_BOX_SIZE, Math.round(box.height * scale)));
  const fitted = areaResample(crop, box.width, box.height, fitWidth, fitHeight);

  const { cx, cy } = centreOfMass(fitted, fitWidth, fitHeight);
  // MNIST puts the centre of mass, in pixel-index coordinates, at (14, 14).
  const centre = INPUT_SIZE / 2;
  const left = clamp(Math.round(centre - cx), 0, INPUT_SIZE - fitWidth);
  const top = clamp(Math.round(centre - cy), 0, INPUT_SIZE - fitHeight);

  const pixels = new Uint8Array(INPUT_PIXELS);
  for (let y = 0; y < fitHeight; y++) {
    for (let x = 0; x < fitWidth; x++) {
      pixels[(top + y) * INPUT_SIZE + left + x] = Math.round(clamp(fitted[y * fitWidth + x], 0, 255));
    }
  }
  return pixels;
}

function centreOfMass(values: Float32Array, width: number, height: number): { cx: number; cy: number } {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x];
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  return mass > 0 ? { cx: sx / mass, cy: sy / mass } : { cx: (width - 1) / 2, cy: (height - 1) / 2 };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
