import { describe, expect, it } from 'vitest';
import { relativeLuminance } from './color';
import { colourOf, gradientCss, scaleFor, tableIndex } from './palette';

const hex = (rgb: number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

describe('scaleFor', () => {
  it('is sequential for values that are never negative, else symmetric around zero', () => {
    expect(scaleFor(0, 3)).toEqual({ kind: 'sequential', max: 3 });
    expect(scaleFor(-1, 3)).toEqual({ kind: 'diverging', max: 3 });
    expect(scaleFor(-4, 3)).toEqual({ kind: 'diverging', max: 4 });
    expect(scaleFor(0, 0).max).toBeGreaterThan(0); // an all-zero map still draws (as the lowest colour)
  });
});

describe('colours', () => {
  it('sequential: zero is the darkest, the maximum the lightest, lightness rising in between (readable in greyscale)', () => {
    const scale = scaleFor(0, 1);
    const lightness = Array.from({ length: 11 }, (_, i) => relativeLuminance(hex(colourOf(scale, i / 10))));
    for (let i = 1; i < lightness.length; i++) expect(lightness[i]).toBeGreaterThan(lightness[i - 1]);
    expect(hex(colourOf(scale, 0))).toBe('#440154');
    expect(hex(colourOf(scale, 5))).toBe('#fde725'); // clamped
  });

  it('diverging: zero in the light middle, opposite signs in opposite hues, darker with magnitude', () => {
    const scale = scaleFor(-2, 2);
    expect(tableIndex(scale, 0)).toBe(128);
    const zero = relativeLuminance(hex(colourOf(scale, 0)));
    for (const v of [-2, -1, 1, 2]) expect(relativeLuminance(hex(colourOf(scale, v)))).toBeLessThan(zero);
    const [rNeg, , bNeg] = colourOf(scale, -2);
    const [rPos, , bPos] = colourOf(scale, 2);
    expect(rNeg).toBeGreaterThan(bNeg); // orange
    expect(bPos).toBeGreaterThan(rPos); // purple
  });

  it('offers each palette as a CSS gradient for legends', () => {
    expect(gradientCss('sequential')).toMatch(/^linear-gradient\(to right, #440154, .*#fde725\)$/);
    expect(gradientCss('diverging')).toContain('#f7f7f7');
  });
});
