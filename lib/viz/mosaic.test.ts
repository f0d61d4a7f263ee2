import { describe, expect, it } from 'vitest';
import { cellAt, defaultColumns, moveCell, mosaicLayout, paintMosaic, tileOrigin, tileRanges, valueIndex, valueRange } from './mosaic';
import { scaleFor } from './palette';

describe('mosaic layout', () => {
  it('fills the grid: 16 maps 4 × 4, 32 maps 8 × 4, 576 kernels 24 × 24, 256 weight images 16 × 16', () => {
    expect([16, 32, 576, 256, 10].map(defaultColumns)).toEqual([4, 8, 24, 16, 5]);
    const stage1 = mosaicLayout(16, 24, 24);
    expect(stage1).toMatchObject({ columns: 4, rows: 4, width: 4 * 24 + 3, height: 4 * 24 + 3 });
    expect(mosaicLayout(576, 5, 5)).toMatchObject({ columns: 24, rows: 24, width: 24 * 5 + 23 });
  });

  it('finds the tile and cell under a pixel, and nothing over a gap', () => {
    const layout = mosaicLayout(6, 3, 2, { columns: 3 }); // tiles 2 wide, 3 tall, gap 1
    expect(tileOrigin(layout, 4)).toEqual({ x: 3, y: 4 });
    expect(cellAt(layout, 4.5, 6.2)).toEqual({ tile: 4, y: 2, x: 1 });
    expect(cellAt(layout, 2, 0)).toBeNull(); // gap column
    expect(cellAt(layout, 0, 3)).toBeNull(); // gap row
    expect(cellAt(layout, -1, 0)).toBeNull();
    expect(cellAt(mosaicLayout(5, 2, 2, { columns: 3 }), 6, 3)).toBeNull(); // the empty sixth slot
  });

  it('moves a keyboard cursor cell by cell across tile borders, clamped at the edges', () => {
    const layout = mosaicLayout(4, 2, 2, { columns: 2 });
    expect(moveCell(layout, { tile: 0, y: 0, x: 1 }, 'ArrowRight')).toEqual({ tile: 1, y: 0, x: 0 });
    expect(moveCell(layout, { tile: 1, y: 1, x: 0 }, 'ArrowDown')).toEqual({ tile: 3, y: 0, x: 0 });
    expect(moveCell(layout, { tile: 0, y: 0, x: 0 }, 'ArrowLeft')).toEqual({ tile: 0, y: 0, x: 0 });
    expect(moveCell(layout, { tile: 2, y: 1, x: 1 }, 'End')).toEqual({ tile: 3, y: 1, x: 1 });
    expect(moveCell(layout, { tile: 2, y: 1, x: 1 }, 'Home')).toEqual({ tile: 0, y: 0, x: 0 });
    expect(moveCell(layout, { tile: 0, y: 0, x: 0 }, 'a')).toBeNull();
  });
});

describe('paintMosaic', () => {
  it('reads channels-last maps and tile-major images alike, gaps and NaN transparent', () => {
    const layout = mosaicLayout(2, 1, 2, { columns: 2 }); // two 1×2 tiles side by side: width 5
    const hwc = Float32Array.from([0, 10, NaN, 20]); // (x0: t0=0, t1=10), (x1: t0=NaN, t1=20)
    const thw = Float32Array.from([0, NaN, 10, 20]);
    expect(valueIndex(layout, 'hwc', 1, 0, 1)).toBe(3);
    expect(valueIndex(layout, 'thw', 1, 0, 1)).toBe(3);
    const scale = scaleFor(0, 20);
    const a = paintMosaic(hwc, layout, 'hwc', scale);
    expect(a).toEqual(paintMosaic(thw, layout, 'thw', scale));
    const alpha = Array.from({ length: 5 }, (_, p) => a[p * 4 + 3]);
    expect(alpha).toEqual([255, 0, 0, 255, 255]); // t0: value, NaN; gap; t1: two values
    expect([...a.subarray(0, 3)]).toEqual([0x44, 0x01, 0x54]); // zero: darkest viridis
    expect([...a.subarray(16, 19)]).toEqual([0xfd, 0xe7, 0x25]); // the maximum: lightest
    expect(() => paintMosaic(new Float32Array(3), layout, 'hwc', scale)).toThrow('expected 4');
  });
});

describe('ranges', () => {
  it('gives each tile its min and max, and the range over several arrays', () => {
    const layout = mosaicLayout(2, 1, 2, { columns: 2 });
    const { min, max } = tileRanges(Float32Array.from([1, -3, NaN, 5]), layout, 'hwc');
    expect([...min]).toEqual([1, -3]);
    expect([...max]).toEqual([1, 5]);
    expect(valueRange(Float32Array.from([1, NaN]), [-2, 0.5])).toEqual({ min: -2, max: 1 });
    expect(valueRange(Float32Array.from([NaN]))).toEqual({ min: 0, max: 0 });
  });
});
