import { describe, expect, it } from 'vitest';
import { INPUT_PIXELS, INPUT_SIZE, MAX_SHIFT, SHIFT_GRID_CELLS } from './constants';
import { AXIS_SHIFTS, shiftBatch, shiftGridBatch, shiftGridIndex, shiftGridOffsets, shiftImage } from './shift';

const at = (x: number, y: number) => y * INPUT_SIZE + x;

/** Every pixel holds a distinct non-zero value so any misplacement shows. */
function numbered(): Float32Array {
  return Float32Array.from({ length: INPUT_PIXELS }, (_, i) => i + 1);
}

describe('shiftImage', () => {
  it('moves content right and down for positive dx, dy and zero-fills', () => {
    const image = new Uint8Array(INPUT_PIXELS);
    image[at(10, 12)] = 200;
    const shifted = shiftImage(image, 3, -2);
    expect(shifted[at(13, 10)]).toBe(200);
    expect(shifted.reduce((sum, v) => sum + v, 0)).toBe(200);
  });

  it('matches a per-pixel reference for every shift in the grid', () => {
    const image = numbered();
    const mismatches: string[] = [];
    for (const { dx, dy } of shiftGridOffsets()) {
      const shifted = shiftImage(image, dx, dy);
      for (let y = 0; y < INPUT_SIZE; y++) {
        for (let x = 0; x < INPUT_SIZE; x++) {
          const sx = x - dx;
          const sy = y - dy;
          const inside = sx >= 0 && sx < INPUT_SIZE && sy >= 0 && sy < INPUT_SIZE;
          if (shifted[at(x, y)] !== (inside ? image[at(sx, sy)] : 0)) mismatches.push(`(${dx},${dy}) at (${x},${y})`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps the array type, returns a copy and leaves the input untouched', () => {
    const bytes = new Uint8Array(INPUT_PIXELS).fill(9);
    const same = shiftImage(bytes, 0, 0);
    expect(same).toBeInstanceOf(Uint8Array);
    expect(same).not.toBe(bytes);
    expect(same).toEqual(bytes);
    expect(shiftImage(numbered(), 1, 1)).toBeInstanceOf(Float32Array);
    shiftImage(bytes, MAX_SHIFT, MAX_SHIFT);
    expect(bytes.every((v) => v === 9)).toBe(true);
  });

  it.each([
    [MAX_SHIFT + 1, 0],
    [0, -MAX_SHIFT - 1],
    [0.5, 0],
    [Number.NaN, 0],
  ])('rejects shift (%s, %s)', (dx, dy) => {
    expect(() => shiftImage(new Uint8Array(INPUT_PIXELS), dx, dy)).toThrow(RangeError);
  });

  it('rejects an input that is not 28×28', () => {
    expect(() => shiftImage(new Uint8Array(100), 0, 0)).toThrow(/784/);
  });
});

describe('shift grid', () => {
  it('lists the shifts along one axis from −8 to 8, the order of a grid row', () => {
    expect(AXIS_SHIFTS).toEqual(Array.from({ length: 2 * MAX_SHIFT + 1 }, (_, i) => i - MAX_SHIFT));
    expect(AXIS_SHIFTS).toEqual(
      shiftGridOffsets()
        .slice(0, AXIS_SHIFTS.length)
        .map((o) => o.dx),
    );
  });

  it('lists 289 offsets row-major, dy outer, from −8 to 8', () => {
    const offsets = shiftGridOffsets();
    expect(offsets).toHaveLength(SHIFT_GRID_CELLS);
    expect(offsets[0]).toEqual({ dx: -MAX_SHIFT, dy: -MAX_SHIFT });
    expect(offsets[1]).toEqual({ dx: -MAX_SHIFT + 1, dy: -MAX_SHIFT });
    expect(offsets[144]).toEqual({ dx: 0, dy: 0 });
    expect(offsets[SHIFT_GRID_CELLS - 1]).toEqual({ dx: MAX_SHIFT, dy: MAX_SHIFT });
    offsets.forEach(({ dx, dy }, cell) => expect(shiftGridIndex(dx, dy)).toBe(cell));
  });

  it('builds a batch whose cells equal shiftImage', () => {
    const image = numbered();
    const batch = shiftGridBatch(image);
    expect(batch).toHaveLength(SHIFT_GRID_CELLS * INPUT_PIXELS);
    for (const { dx, dy } of [
      { dx: -8, dy: -8 },
      { dx: 0, dy: 0 },
      { dx: 3, dy: -5 },
      { dx: 8, dy: 8 },
    ]) {
      const cell = shiftGridIndex(dx, dy);
      expect(batch.subarray(cell * INPUT_PIXELS, (cell + 1) * INPUT_PIXELS)).toEqual(shiftImage(image, dx, dy));
    }
  });
});

describe('shiftBatch', () => {
  it('lays every image under every shift out image-major, as shiftImage would', () => {
    const images = new Uint8Array(2 * INPUT_PIXELS).map((_, i) => (i * 37) % 251);
    const shifts = [
      { dx: 0, dy: 0 },
      { dx: -3, dy: 5 },
      { dx: MAX_SHIFT, dy: -MAX_SHIFT },
    ];
    const batch = shiftBatch(images, 2, shifts);
    expect(batch).toHaveLength(2 * shifts.length * INPUT_PIXELS);
    for (let d = 0; d < 2; d++) {
      const image = images.subarray(d * INPUT_PIXELS, (d + 1) * INPUT_PIXELS);
      shifts.forEach(({ dx, dy }, k) => {
        const offset = (d * shifts.length + k) * INPUT_PIXELS;
        expect(Array.from(batch.subarray(offset, offset + INPUT_PIXELS))).toEqual(Array.from(shiftImage(image, dx, dy)));
      });
    }
  });

  it('rejects a wrong pixel count and out-of-range shifts', () => {
    expect(() => shiftBatch(new Uint8Array(INPUT_PIXELS + 1), 1, [{ dx: 0, dy: 0 }])).toThrow(RangeError);
    expect(() => shiftBatch(new Uint8Array(INPUT_PIXELS), 1, [{ dx: MAX_SHIFT + 1, dy: 0 }])).toThrow(RangeError);
  });
});
