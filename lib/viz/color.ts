/**
 * Colours of the charts, as hex strings SVG attributes and canvas can use.
 * MODEL_HEX mirrors `--color-shared` / `--color-unshared` in app/globals.css; a test keeps them equal.
 */
export type ModelColor = 'shared' | 'unshared';

/** Theme hue of each kind of model: shared weights (CNN) blue, unshared (LCN) amber. */
export const MODEL_HEX: Record<ModelColor, string> = {
  shared: '#2563eb',
  unshared: '#d97706',
};

/**
 * The panel surface of each colour scheme (`bg-white` in app/globals.css, which mirrors the neutral
 * scale in dark mode): where a sweep cell's fill starts at no confidence.
 */
export const SURFACE_HEX = { light: '#ffffff', dark: '#0f172a' } as const;

/** Hue of sweep cells read as another digit than expected: rose, apart from both model hues. */
export const MISMATCH_HEX = '#be123c';

/** Text colours chosen between for text on a coloured fill. */
export const INK_DARK = '#000000';
export const INK_LIGHT = '#ffffff';

/** The better of black and white ink always reaches this contrast (WCAG), above AA's 4.5:1. */
export const MIN_INK_CONTRAST = 4.58;

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`Expected a colour like #1a2b3c, got ${hex}`);
  const n = parseInt(match[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Linear blend of two hex colours in sRGB: t = 0 gives `from`, t = 1 gives `to` (t is clamped). */
export function mixHex(from: string, to: string, t: number): string {
  const k = Math.min(1, Math.max(0, t));
  const a = parseHex(from);
  const b = parseHex(to);
  return toHex([0, 1, 2].map((i) => a[i] + (b[i] - a[i]) * k) as Rgb);
}

/** WCAG 2 relative luminance of a hex colour, 0 (black) – 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1 – 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background` (≥ MIN_INK_CONTRAST for any colour). */
export function inkOn(background: string): string {
  return contrastRatio(INK_DARK, background) >= contrastRatio(INK_LIGHT, background) ? INK_DARK : INK_LIGHT;
}

/**
 * Fill of a sweep cell: its hue over the panel's `surface`, stronger with confidence, never the bare
 * surface so empty-looking cells don't appear. The same scale in both colour schemes: only the end it
 * starts from changes.
 */
export function confidenceFill(hue: string, confidence: number, surface: string = SURFACE_HEX.light): string {
  return mixHex(surface, hue, 0.15 + 0.85 * confidence);
}
