import { mulberry32 } from '@/lib/random/prng';
import { INPUT_PIXELS } from '../constants';
import type { RgbaImage } from '../rgba';

/** Test support: synthetic images built from plain shapes and seeded noise. */

export type Rgba = readonly [number, number, number, number];

export const WHITE: Rgba = [255, 255, 255, 255];
export const BLACK: Rgba = [0, 0, 0, 255];
export const TRANSPARENT: Rgba = [0, 0, 0, 0];

/** A width×height image filled with one colour. */
export function solidImage(width: number, height: number, colour: Rgba): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < data.length; p += 4) data.set(colour, p);
  return { data, width, height };
}

/** Paint an axis-aligned rectangle (clipped to the image) in place. */
export function fillRect(image: RgbaImage, x: number, y: number, w: number, h: number, colour: Rgba): RgbaImage {
  for (let row = Math.max(0, y); row < Math.min(image.height, y + h); row++) {
    for (let col = Math.max(0, x); col < Math.min(image.width, x + w); col++) {
      image.data.set(colour, (row * image.width + col) * 4);
    }
  }
  return image;
}

/**
 * Render a grey-level image (0 = background, 255 = ink, e.g. an MNIST digit) at `scale`× with
 * nearest-neighbour blocks, as dark ink on white (`dark`) or light ink on black.
 */
export function renderGrey(grey: Uint8Array, side: number, scale: number, ink: 'dark' | 'light'): RgbaImage {
  const size = side * scale;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = grey[Math.floor(y / scale) * side + Math.floor(x / scale)];
      const level = ink === 'dark' ? 255 - v : v;
      data.set([level, level, level, 255], (y * size + x) * 4);
    }
  }
  return { data, width: size, height: size };
}

/** A deterministic pseudo-random generator, so noisy fixtures never change. */
export { mulberry32 as seededRandom };

/** A deterministic pseudo-random 28×28 "digit": a few bright strokes on black, bytes 0–255. */
export function randomDigit(seed: number): Uint8Array {
  const rand = mulberry32(seed);
  const px = new Uint8Array(INPUT_PIXELS);
  for (let i = 0; i < INPUT_PIXELS; i++) px[i] = rand() < 0.25 ? Math.floor(rand() * 256) : 0;
  return px;
}

/** Mean absolute difference of two equally long images. */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}
