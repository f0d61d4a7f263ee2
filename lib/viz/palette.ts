/**
 * Colour scales for feature maps, differences and weights, chosen to read the same under every
 * common colour-vision deficiency: viridis for values from zero up (its lightness rises steadily,
 * so even greyscale keeps the order), ColorBrewer's PuOr for signed values (orange below zero,
 * purple above, near-white at zero; no red–green axis).
 */

type Rgb = readonly [number, number, number];

/** matplotlib's viridis at 0, 1/9, …, 1. */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
/** ColorBrewer PuOr (11 classes), from the most negative (dark orange) to the most positive (dark purple). */
const PUOR = ['#7f3b08', '#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d8daeb', '#b2abd2', '#8073ac', '#542788', '#2d004b'];

export type PaletteName = 'sequential' | 'diverging';

/**
 * How values map to colours. Sequential: 0 (darkest) … max (lightest), for values that are never
 * negative (ReLU maps). Diverging: −max … 0 … +max, symmetric so zero is always the light middle.
 */
export type MapScale = { kind: 'sequential'; max: number } | { kind: 'diverging'; max: number };

function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 256-entry lookup table interpolated linearly between the stops. */
function lookupTable(stops: readonly string[]): Uint8ClampedArray {
  const rgb = stops.map(hexToRgb);
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const at = (i / 255) * (rgb.length - 1);
    const lo = Math.min(rgb.length - 2, Math.floor(at));
    const t = at - lo;
    for (let c = 0; c < 3; c++) table[i * 3 + c] = Math.round(rgb[lo][c] + (rgb[lo + 1][c] - rgb[lo][c]) * t);
  }
  return table;
}

const TABLES: Record<PaletteName, Uint8ClampedArray> = { sequential: lookupTable(VIRIDIS), diverging: lookupTable(PUOR) };

/** The scale for values spanning [min, max]: sequential when none is negative, else diverging. A zero span still gets a positive max. */
export function scaleFor(min: number, max: number): MapScale {
  const tiny = Number.MIN_VALUE;
  return min >= 0
    ? { kind: 'sequential', max: Math.max(max, tiny) }
    : { kind: 'diverging', max: Math.max(Math.abs(min), Math.abs(max), tiny) };
}

/** Index 0–255 into the scale's table for `value` (clamped). */
export function tableIndex(scale: MapScale, value: number): number {
  const t = scale.kind === 'sequential' ? value / scale.max : (value / scale.max + 1) / 2;
  return Math.round(Math.min(1, Math.max(0, t)) * 255);
}

/** The colour of `value` on `scale`, as [r, g, b] 0–255. */
export function colourOf(scale: MapScale, value: number): [number, number, number] {
  const table = TABLES[scale.kind];
  const i = tableIndex(scale, value) * 3;
  return [table[i], table[i + 1], table[i + 2]];
}

/** Writes `value`'s colour, opaque, into `rgba` at pixel `pixel`. */
export function writeColour(rgba: Uint8ClampedArray, pixel: number, scale: MapScale, value: number): void {
  const table = TABLES[scale.kind];
  const i = tableIndex(scale, value) * 3;
  const o = pixel * 4;
  rgba[o] = table[i];
  rgba[o + 1] = table[i + 1];
  rgba[o + 2] = table[i + 2];
  rgba[o + 3] = 255;
}

/** A CSS linear-gradient of a palette, left (lowest) to right (highest), for a legend. */
export function gradientCss(name: PaletteName): string {
  return `linear-gradient(to right, ${(name === 'sequential' ? VIRIDIS : PUOR).join(', ')})`;
}
