/** Side of the square image both networks receive (MNIST). */
export const INPUT_SIZE = 28;
/** Pixels in one network input. */
export const INPUT_PIXELS = INPUT_SIZE * INPUT_SIZE;
/** Largest shift, in pixels, along each axis: shifts run from −MAX_SHIFT to +MAX_SHIFT. */
export const MAX_SHIFT = 8;
/** Cells along one side of the shift grid (−8…+8 → 17). */
export const SHIFT_GRID_SIDE = 2 * MAX_SHIFT + 1;
/** Cells in the full dx × dy shift grid (17 × 17 = 289). */
export const SHIFT_GRID_CELLS = SHIFT_GRID_SIDE * SHIFT_GRID_SIDE;
/** Number of classes (digits 0–9). */
export const NUM_CLASSES = 10;
