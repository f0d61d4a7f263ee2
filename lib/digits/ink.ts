import type { RgbaImage } from './rgba';
import { estimateBackground, sortedQuantile } from './background';

/** Least contrast (0–255) between the ink and the noise threshold for the image not to count as blank. */
const MIN_INK_CONTRAST = 32;
/** Ink fainter than this fraction of the strongest ink is dropped (JPEG ringing, anti-alias fringes). */
const MIN_INK_FRACTION = 0.1;
/**
 * The noise threshold sits NOISE_FACTOR × the border's 95th-percentile deviation (paper grain,
 * lighting the background model missed) plus an offset above zero. Border pixels with at least
 * half the strongest ink are ink running off the edge, not noise, and are left out.
 */
const NOISE_QUANTILE = 0.95;
const NOISE_FACTOR = 1.5;
const NOISE_OFFSET = 2;
const EDGE_INK_FRACTION = 0.5;
/** Floor on the luminance room between background and full ink: a mid-grey page must not amplify noise without limit. */
const MIN_CONTRAST_ROOM = 64;
/** Border ring width as a fraction of the shorter side. */
const BORDER_FRACTION = 0.02;

/**
 * Ink strength per source pixel, 0–255 with 255 the strongest ink, or null when nothing stands out
 * from the background. `inverted`: the ink is darker than the background.
 *
 * The background is judged from the border pixels, so dark-on-light (paper, a white canvas) and
 * light-on-dark images give the same result; a transparent background counts as background and the
 * opaque strokes as ink whatever their colour. Uneven lighting (a shadow across a photo) is followed
 * locally; deviations no stronger than the border's own variation (paper grain) and isolated
 * specks are not ink. What remains is contrast-stretched so the strongest ink reaches 255.
 */
export function extractInk(image: RgbaImage): { ink: Float32Array | null; inverted: boolean } {
  const { width, height } = image;
  const { raw, inverted } = measureInk(image);
  const smoothed = boxMean3(raw, width, height);

  const strongest = maxOf(smoothed);
  const noise = borderNoise(smoothed, width, height, EDGE_INK_FRACTION * strongest);
  const threshold = Math.max(MIN_INK_FRACTION * strongest, NOISE_FACTOR * noise + NOISE_OFFSET);
  if (strongest < threshold + MIN_INK_CONTRAST) return { ink: null, inverted };

  // Decide ink on the smoothed map (specks vanish), take its strength from the sharp one.
  const ink = new Float32Array(width * height);
  const scale = 255 / (strongest - threshold);
  for (let i = 0; i < ink.length; i++) {
    if (smoothed[i] <= threshold) continue;
    ink[i] = Math.min(255, Math.max(0, (raw[i] - threshold) * scale));
  }
  return { ink, inverted };
}

/** Rec. 601 luma of an sRGB pixel, 0–255. */
function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/**
 * How much each pixel deviates from the background towards the ink, 0–255. Partly transparent
 * pixels are composited over the background, so their deviation scales with their alpha.
 */
function measureInk(image: RgbaImage): { raw: Float32Array; inverted: boolean } {
  const { data, width, height } = image;
  const count = width * height;
  const lum = new Float32Array(count);
  const alpha = new Float32Array(count);
  for (let i = 0, p = 0; i < count; i++, p += 4) {
    lum[i] = luma(data[p], data[p + 1], data[p + 2]);
    alpha[i] = data[p + 3] / 255;
  }

  const border = opaqueBorderLuminance(lum, alpha, width, height);
  const background = border ? sortedQuantile(border, 0.5) : contrastingBackground(lum, alpha);
  for (let i = 0; i < count; i++) lum[i] = alpha[i] * lum[i] + (1 - alpha[i]) * background;

  // Ink is whichever side deviates most from the background: dark pen on paper wins over glare.
  let darker = 0;
  let lighter = 0;
  for (let i = 0; i < count; i++) {
    const d = lum[i] - background;
    if (d < darker) darker = d;
    if (d > lighter) lighter = d;
  }
  const inverted = -darker >= lighter;
  const sign = inverted ? -1 : 1;

  // Follow uneven lighting, but only within the luminances the border itself shows.
  const local = border
    ? estimateBackground(lum, width, height, inverted, { low: sortedQuantile(border, 0.02), high: sortedQuantile(border, 0.98) })
    : null;
  // Contrast relative to the room the background leaves (reflectance, for ink on paper), so ink
  // in a shadow counts as much as ink in the light. On white or black backgrounds this is plain
  // |lum − background|.
  const raw = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const bg = local ? local[i] : background;
    const room = Math.max(MIN_CONTRAST_ROOM, inverted ? bg : 255 - bg);
    raw[i] = Math.min(255, Math.max(0, (255 * sign * (lum[i] - bg)) / room));
  }
  return { raw, inverted };
}

/** Luminance of the opaque border pixels, sorted; null when the border is mostly transparent. */
function opaqueBorderLuminance(lum: Float32Array, alpha: Float32Array, width: number, height: number): Float64Array | null {
  const opaque: number[] = [];
  let borderCount = 0;
  forEachBorderPixel(width, height, (i) => {
    borderCount++;
    if (alpha[i] >= 0.5) opaque.push(lum[i]);
  });
  return opaque.length * 2 > borderCount ? Float64Array.from(opaque).sort() : null;
}

/** For a transparent background: black or white, whichever contrasts most with the strokes. */
function contrastingBackground(lum: Float32Array, alpha: Float32Array): number {
  let weighted = 0;
  let weight = 0;
  for (let i = 0; i < lum.length; i++) {
    weighted += alpha[i] * lum[i];
    weight += alpha[i];
  }
  const strokeLum = weight > 0 ? weighted / weight : 0;
  return strokeLum < 128 ? 255 : 0;
}

function borderWidth(width: number, height: number): number {
  return Math.max(1, Math.floor(Math.min(width, height) * BORDER_FRACTION));
}

function forEachBorderPixel(width: number, height: number, visit: (index: number) => void): void {
  const ring = borderWidth(width, height);
  for (let y = 0; y < height; y++) {
    const edgeRow = y < ring || y >= height - ring;
    for (let x = 0; x < width; x++) {
      if (edgeRow || x < ring || x >= width - ring) visit(y * width + x);
    }
  }
}

/** The NOISE_QUANTILE of the border's values below `inkLevel`. */
function borderNoise(values: Float32Array, width: number, height: number, inkLevel: number): number {
  const border: number[] = [];
  forEachBorderPixel(width, height, (i) => {
    if (values[i] < inkLevel) border.push(values[i]);
  });
  return sortedQuantile(Float64Array.from(border).sort(), NOISE_QUANTILE);
}

function maxOf(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/** 3×3 mean (edges average the neighbours that exist): a lone noisy pixel drops to a ninth. */
function boxMean3(values: Float32Array, width: number, height: number): Float32Array {
  const rows = new Float32Array(values.length);
  const rowCounts = new Uint8Array(width);
  for (let x = 0; x < width; x++) rowCounts[x] = (x > 0 ? 1 : 0) + 1 + (x < width - 1 ? 1 : 0);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const left = x > 0 ? values[o + x - 1] : 0;
      const right = x < width - 1 ? values[o + x + 1] : 0;
      rows[o + x] = (left + values[o + x] + right) / rowCounts[x];
    }
  }
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    const up = y > 0 ? -width : 0;
    const down = y < height - 1 ? width : 0;
    const n = (up ? 1 : 0) + 1 + (down ? 1 : 0);
    for (let x = 0, i = y * width; x < width; x++, i++) {
      out[i] = ((up ? rows[i + up] : 0) + rows[i] + (down ? rows[i + down] : 0)) / n;
    }
  }
  return out;
}
