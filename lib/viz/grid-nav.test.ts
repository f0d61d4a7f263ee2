import { describe, expect, it } from 'vitest';
import { moveFocus } from './grid-nav';

const side = 17;
const centre = 8 * side + 8;

describe('moveFocus', () => {
  it('moves one cell with the arrows', () => {
    expect(moveFocus(centre, 'ArrowLeft', side)).toBe(centre - 1);
    expect(moveFocus(centre, 'ArrowRight', side)).toBe(centre + 1);
    expect(moveFocus(centre, 'ArrowUp', side)).toBe(centre - side);
    expect(moveFocus(centre, 'ArrowDown', side)).toBe(centre + side);
  });

  it('stops at the edges instead of wrapping', () => {
    expect(moveFocus(0, 'ArrowLeft', side)).toBe(0);
    expect(moveFocus(0, 'ArrowUp', side)).toBe(0);
    expect(moveFocus(side - 1, 'ArrowRight', side)).toBe(side - 1);
    expect(moveFocus(side * side - 1, 'ArrowDown', side)).toBe(side * side - 1);
  });

  it('jumps to the row ends, the column ends and the corners', () => {
    expect(moveFocus(centre, 'Home', side)).toBe(8 * side);
    expect(moveFocus(centre, 'End', side)).toBe(8 * side + side - 1);
    expect(moveFocus(centre, 'Home', side, true)).toBe(0);
    expect(moveFocus(centre, 'End', side, true)).toBe(side * side - 1);
    expect(moveFocus(centre, 'PageUp', side)).toBe(8);
    expect(moveFocus(centre, 'PageDown', side)).toBe((side - 1) * side + 8);
  });

  it('ignores other keys', () => {
    expect(moveFocus(centre, 'a', side)).toBeNull();
    expect(moveFocus(centre, 'Enter', side)).toBeNull();
  });
});
