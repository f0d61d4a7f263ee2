import { describe, expect, it } from 'vitest';
import type { ModelInside, StageMaps } from '@/lib/inference/feature-maps';
import { cursorFields, describeCursor } from './cursor';

/** A 24×24×2 stage 1 (5×5 fields) compared after a move of (3, 2); value = channel + 10·y + x/100. */
function stage(): StageMaps {
  const values = Float32Array.from({ length: 24 * 24 * 2 }, (_, i) => (i % 2) + 10 * Math.floor(i / 48) + (Math.floor(i / 2) % 24) / 100);
  const difference = values.map((v, i) => (Math.floor(i / 48) < 2 ? NaN : v));
  return {
    stage: 1,
    layer: 'conv2d',
    shape: { height: 24, width: 24, channels: 2 },
    stride: 1,
    field: { size: 5, jump: 1, start: 0 },
    unshifted: values,
    shifted: values,
    difference,
    relativeError: 0,
    moveBack: { dx: 3, dy: 2 },
    exact: true,
    interiorPositions: 22 * 21,
  };
}
const model = { modelId: 'cnn', stages: [stage()], pooled: null, ms: 1 } as ModelInside;

describe('the cursor', () => {
  it('outlines the compared cells’ fields on both inputs', () => {
    const cell = { tile: 1, y: 4, x: 5 };
    expect(cursorFields({ modelId: 'cnn', kind: 'unshifted', stage: 0, cell }, model)).toEqual({
      unshifted: { top: 4, left: 5, bottom: 8, right: 9 },
      shifted: { top: 6, left: 8, bottom: 10, right: 12 },
    });
    expect(cursorFields({ modelId: 'cnn', kind: 'shifted', stage: 0, cell }, model)).toEqual({
      unshifted: { top: 2, left: 2, bottom: 6, right: 6 },
      shifted: { top: 4, left: 5, bottom: 8, right: 9 },
    });
    // The shifted cell's partner is off the map.
    expect(cursorFields({ modelId: 'cnn', kind: 'shifted', stage: 0, cell: { tile: 0, y: 0, x: 0 } }, model).unshifted).toBeNull();
    expect(cursorFields({ modelId: 'cnn', kind: 'position', cell: { tile: 0, y: 23, x: 0 } }, model)).toEqual({
      unshifted: { top: 23, left: 0, bottom: 27, right: 4 },
      shifted: { top: 23, left: 0, bottom: 27, right: 4 },
    });
    expect(cursorFields(null, model)).toEqual({ unshifted: null, shifted: null });
  });

  it('says where it is, the value there and what it sees', () => {
    expect(describeCursor({ modelId: 'cnn', kind: 'unshifted', stage: 0, cell: { tile: 1, y: 4, x: 5 } }, model, 'CNN')).toBe(
      'CNN, stage 1, input, map 2, row 5, column 6: 41.0; it sees input rows 5–9, columns 6–10.',
    );
    expect(describeCursor({ modelId: 'cnn', kind: 'difference', stage: 0, cell: { tile: 0, y: 1, x: 0 } }, model, 'CNN')).toMatch(
      /no value \(outside the interior\); it compares the input’s field \(input rows 2–6, columns 1–5\) with the shifted input’s \(input rows 4–8, columns 4–8\)/,
    );
    expect(describeCursor(null, model, 'CNN')).toMatch(/Point at a map/);
  });
});
