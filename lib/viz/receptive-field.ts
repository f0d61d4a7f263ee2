/**
 * Where a feature map position looks on the input. Walking the layers from the input, each
 * window-sliding layer (convolution, locally connected, pooling) widens the receptive field by
 * (kernel − 1) × the jump so far and multiplies the jump (the distance on the input between
 * neighbouring map positions, the stage's cumulative stride) by its stride.
 */

/** A layer that slides a square window over its input. */
export interface WindowOp {
  kernel: number;
  stride: number;
  padding: 'valid' | 'same';
}

/** Receptive field of every position of a map: (y, x) sees input rows start + y·jump … + size − 1 (likewise columns). */
export interface ReceptiveField {
  size: number;
  jump: number;
  /** Input coordinate of position 0's first row/column; negative where 'same' padding reaches past the border. */
  start: number;
}

/** The receptive field after `ops`, applied in order to the input. 'same' padding is placed as tfjs does at stride 1 (⌊(k − 1)/2⌋ before). */
export function receptiveFieldAfter(ops: readonly WindowOp[]): ReceptiveField {
  let field: ReceptiveField = { size: 1, jump: 1, start: 0 };
  for (const op of ops) {
    const before = op.padding === 'same' ? Math.floor((op.kernel - 1) / 2) : 0;
    field = { size: field.size + (op.kernel - 1) * field.jump, jump: field.jump * op.stride, start: field.start - before * field.jump };
  }
  return field;
}

/** Inclusive input rectangle position (y, x) sees, clipped to an `imageSize` square image. */
export function fieldRect(
  field: ReceptiveField,
  y: number,
  x: number,
  imageSize: number,
): { top: number; left: number; bottom: number; right: number } {
  const clip = (v: number) => Math.min(imageSize - 1, Math.max(0, v));
  const top = field.start + y * field.jump;
  const left = field.start + x * field.jump;
  return { top: clip(top), left: clip(left), bottom: clip(top + field.size - 1), right: clip(left + field.size - 1) };
}
