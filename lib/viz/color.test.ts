import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MISMATCH_HEX,
  MIN_INK_CONTRAST,
  MODEL_HEX,
  SURFACE_HEX,
  confidenceFill,
  contrastRatio,
  inkOn,
  mixHex,
  relativeLuminance,
} from './color';

describe('MODEL_HEX', () => {
  it('matches the theme colours in app/globals.css', () => {
    const css = readFileSync(fileURLToPath(new URL('../../app/globals.css', import.meta.url)), 'utf8');
    for (const [name, hex] of Object.entries(MODEL_HEX)) {
      expect(css).toMatch(new RegExp(`--color-${name}:\\s*${hex};`, 'i'));
    }
  });

  it('starts sweep fills from the panel surface of each colour scheme', () => {
    const css = readFileSync(fileURLToPath(new URL('../../app/globals.css', import.meta.url)), 'utf8');
    const dark = css.slice(css.indexOf('prefers-color-scheme: dark'));
    expect(dark).toMatch(new RegExp(`--color-white:\\s*${SURFACE_HEX.dark};`, 'i'));
  });
});

describe('mixHex', () => {
  it('blends linearly and clamps t', () => {
    expect(mixHex('#000000', '#ffffff', 0)).toBe('#000000');
    expect(mixHex('#000000', '#ffffff', 1)).toBe('#ffffff');
    expect(mixHex('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mixHex('#102030', '#ffffff', -1)).toBe('#102030');
    expect(mixHex('#102030', '#ffffff', 2)).toBe('#ffffff');
  });

  it('rejects anything but #rrggbb', () => {
    expect(() => mixHex('red', '#ffffff', 0.5)).toThrow();
  });
});

describe('contrast', () => {
  it('follows WCAG 2: black on white is 21:1, a colour on itself 1:1', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 12);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#2563eb', '#2563eb')).toBeCloseTo(1, 12);
  });

  it('picks white ink on the blue, black ink on the amber', () => {
    expect(inkOn(MODEL_HEX.shared)).toBe('#ffffff');
    expect(inkOn(MODEL_HEX.unshared)).toBe('#000000');
  });

  it('keeps every sweep cell legible (≥ 4.5:1) at any confidence, in every hue, in both colour schemes', () => {
    for (const surface of Object.values(SURFACE_HEX)) {
      for (const hue of [...Object.values(MODEL_HEX), MISMATCH_HEX]) {
        for (let p = 0; p <= 1.0001; p += 0.01) {
          const fill = confidenceFill(hue, p, surface);
          expect(contrastRatio(inkOn(fill), fill)).toBeGreaterThanOrEqual(Math.max(4.5, MIN_INK_CONTRAST - 0.01));
        }
      }
    }
  });
});

describe('confidenceFill', () => {
  it('gets darker with confidence and reaches the full hue at 1', () => {
    expect(confidenceFill('#2563eb', 1)).toBe('#2563eb');
    expect(relativeLuminance(confidenceFill('#2563eb', 0.9))).toBeLessThan(relativeLuminance(confidenceFill('#2563eb', 0.3)));
    expect(confidenceFill('#2563eb', 0)).not.toBe('#ffffff');
  });

  it('on the dark surface runs from near the surface to the same full hue, brighter with confidence', () => {
    expect(confidenceFill('#2563eb', 1, SURFACE_HEX.dark)).toBe('#2563eb');
    expect(confidenceFill('#2563eb', 0, SURFACE_HEX.dark)).not.toBe(SURFACE_HEX.dark);
    expect(relativeLuminance(confidenceFill('#d97706', 0.9, SURFACE_HEX.dark))).toBeGreaterThan(
      relativeLuminance(confidenceFill('#d97706', 0.3, SURFACE_HEX.dark)),
    );
  });
});
