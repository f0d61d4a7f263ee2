/**
 * The cell a person points at (or walks to with the keyboard) in one of the section's pictures,
 * and what follows from it: the receptive fields to outline on both inputs and a sentence for
 * screen readers. Pure.
 */
import { INPUT_SIZE } from '@/lib/digits/constants';
import type { ModelInside, StageMaps } from '@/lib/inference/feature-maps';
import type { ModelId } from '@/lib/models/ids';
import type { MosaicCell } from '@/lib/viz/mosaic';
import { fieldRect } from '@/lib/viz/receptive-field';
import type { InputRect } from './InputFields';

export type MapVariant = 'unshifted' | 'shifted' | 'difference';

export type Cursor =
  /** A cell of a stage's maps (`stage`: index into the model's stages). */
  | { modelId: ModelId; kind: MapVariant; stage: number; cell: MosaicCell }
  /** A position of the first stage (a locally connected kernel, or its similarity map): cell.y, cell.x. */
  | { modelId: ModelId; kind: 'position'; cell: MosaicCell };

const VARIANT_WORDS: Record<MapVariant, string> = {
  unshifted: 'input',
  shifted: 'shifted input',
  difference: 'shifted back minus input',
};

function inside(stage: StageMaps, y: number, x: number): boolean {
  return y >= 0 && x >= 0 && y < stage.shape.height && x < stage.shape.width;
}

function rectAt(stage: StageMaps, y: number, x: number): InputRect | null {
  return inside(stage, y, x) ? fieldRect(stage.field, y, x, INPUT_SIZE) : null;
}

/** The position's field on each input: where the compared cells look (a shifted map's cell (y, x) is compared with (y − move, x − move)). */
export function cursorFields(
  cursor: Cursor | null,
  model: ModelInside | undefined,
): { unshifted: InputRect | null; shifted: InputRect | null } {
  const none = { unshifted: null, shifted: null };
  if (!cursor || !model) return none;
  if (cursor.kind === 'position') {
    const stage = model.stages[0];
    if (!stage) return none;
    // One position's kernel stays where it is; the shifted digit moves under it.
    const rect = rectAt(stage, cursor.cell.y, cursor.cell.x);
    return { unshifted: rect, shifted: rect };
  }
  const stage = model.stages[cursor.stage];
  if (!stage) return none;
  const { y, x } = cursor.cell;
  const { dx, dy } = stage.moveBack;
  return cursor.kind === 'shifted'
    ? { unshifted: rectAt(stage, y - dy, x - dx), shifted: rectAt(stage, y, x) }
    : { unshifted: rectAt(stage, y, x), shifted: rectAt(stage, y + dy, x + dx) };
}

function rectWords(rect: InputRect | null): string {
  return rect
    ? `input rows ${rect.top + 1}–${rect.bottom + 1}, columns ${rect.left + 1}–${rect.right + 1}`
    : 'nothing: its partner is off the map';
}

/** The cursor in words: where it is, the value there and what it sees. */
export function describeCursor(cursor: Cursor | null, model: ModelInside | undefined, name: string): string {
  if (!cursor || !model) return 'Point at a map (or focus one and use the arrow keys) to see which part of the input its cells look at.';
  const fields = cursorFields(cursor, model);
  const { tile, y, x } = cursor.cell;
  if (cursor.kind === 'position') {
    return `${name}, first layer, the kernel of position row ${y + 1}, column ${x + 1}: used there only, it sees ${rectWords(fields.unshifted)}.`;
  }
  const stage = model.stages[cursor.stage];
  if (!stage) return '';
  const values = cursor.kind === 'unshifted' ? stage.unshifted : cursor.kind === 'shifted' ? stage.shifted : stage.difference;
  const value = values[(y * stage.shape.width + x) * stage.shape.channels + tile];
  const shown = Number.isNaN(value) ? 'no value (outside the interior)' : value.toPrecision(3);
  const seen =
    cursor.kind === 'difference'
      ? `compares the input’s field (${rectWords(fields.unshifted)}) with the shifted input’s (${rectWords(fields.shifted)})`
      : `sees ${rectWords(cursor.kind === 'shifted' ? fields.shifted : fields.unshifted)}`;
  return `${name}, stage ${stage.stage}, ${VARIANT_WORDS[cursor.kind]}, map ${tile + 1}, row ${y + 1}, column ${x + 1}: ${shown}; it ${seen}.`;
}
