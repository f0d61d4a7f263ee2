/**
 * Many small images (feature maps, kernels, weight images) tiled into one picture with one-pixel
 * gaps, so a whole stage is one canvas: layout, painting into RGBA, and the way back from a pixel
 * (pointer) or a key (keyboard cursor) to a tile and a cell.
 */
import { writeColour, type MapScale } from './palette';

export interface MosaicLayout {
  tiles: number;
  tileHeight: number;
  tileWidth: number;
  columns: number;
  rows: number;
  gap: number;
  /** Size of the whole picture in pixels. */
  width: number;
  height: number;
}

/**
 * How `values` hold the tiles: 'hwc' = a stage's maps [H, W, C], tile c = channel c;
 * 'thw' = tile after tile [T, H, W] (kernels, weight images).
 */
export type TileOrder = 'hwc' | 'thw';

/** A cell of a tile: which tile, and (y, x) inside it. */
export interface MosaicCell {
  tile: number;
  y: number;
  x: number;
}

/** Columns for `tiles` tiles: the smallest divisor ≥ √tiles, so the grid is full (16 → 4, 32 → 8, 576 → 24); √ rounded up if none is close. */
export function defaultColumns(tiles: number): number {
  const root = Math.ceil(Math.sqrt(tiles));
  for (let c = root; c <= 2 * root; c++) if (tiles % c === 0) return c;
  return root;
}

export function mosaicLayout(
  tiles: number,
  tileHeight: number,
  tileWidth: number,
  { columns = defaultColumns(tiles), gap = 1 } = {},
): MosaicLayout {
  const rows = Math.ceil(tiles / columns);
  return {
    tiles,
    tileHeight,
    tileWidth,
    columns,
    rows,
    gap,
    width: columns * tileWidth + (columns - 1) * gap,
    height: rows * tileHeight + (rows - 1) * gap,
  };
}

/** Top-left pixel of tile `tile`. */
export function tileOrigin(layout: MosaicLayout, tile: number): { x: number; y: number } {
  return {
    x: (tile % layout.columns) * (layout.tileWidth + layout.gap),
    y: Math.floor(tile / layout.columns) * (layout.tileHeight + layout.gap),
  };
}

/** The cell under pixel (px, py) of the picture, or null over a gap or outside. */
export function cellAt(layout: MosaicLayout, px: number, py: number): MosaicCell | null {
  const { tileWidth, tileHeight, gap } = layout;
  if (px < 0 || py < 0 || px >= layout.width || py >= layout.height) return null;
  const column = Math.floor(px / (tileWidth + gap));
  const row = Math.floor(py / (tileHeight + gap));
  const x = Math.floor(px) - column * (tileWidth + gap);
  const y = Math.floor(py) - row * (tileHeight + gap);
  const tile = row * layout.columns + column;
  return x < tileWidth && y < tileHeight && tile < layout.tiles ? { tile, y, x } : null;
}

/**
 * Where an arrow key (or Home/End: first/last cell) moves a cursor. The cursor walks the picture's
 * cells as one grid, gaps skipped, so it crosses from one tile into the next; null for other keys.
 */
export function moveCell(layout: MosaicLayout, cell: MosaicCell, key: string): MosaicCell | null {
  const { tileWidth, tileHeight, columns, rows, tiles } = layout;
  const gx = (cell.tile % columns) * tileWidth + cell.x;
  const gy = Math.floor(cell.tile / columns) * tileHeight + cell.y;
  const step: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  if (key === 'Home') return { tile: 0, y: 0, x: 0 };
  if (key === 'End') return { tile: tiles - 1, y: tileHeight - 1, x: tileWidth - 1 };
  if (!step[key]) return null;
  const nx = Math.min(columns * tileWidth - 1, Math.max(0, gx + step[key][0]));
  const ny = Math.min(rows * tileHeight - 1, Math.max(0, gy + step[key][1]));
  const tile = Math.floor(ny / tileHeight) * columns + Math.floor(nx / tileWidth);
  return tile < tiles ? { tile, y: ny % tileHeight, x: nx % tileWidth } : cell;
}

/** Index into `values` of (tile, y, x). */
export function valueIndex(layout: MosaicLayout, order: TileOrder, tile: number, y: number, x: number): number {
  return order === 'hwc' ? (y * layout.tileWidth + x) * layout.tiles + tile : (tile * layout.tileHeight + y) * layout.tileWidth + x;
}

/** The picture as RGBA (width × height × 4): every value in its scale's colour; gaps and NaN (no value) transparent. */
export function paintMosaic(
  values: ArrayLike<number>,
  layout: MosaicLayout,
  order: TileOrder,
  scale: MapScale,
): Uint8ClampedArray<ArrayBuffer> {
  const expected = layout.tiles * layout.tileHeight * layout.tileWidth;
  if (values.length !== expected) throw new RangeError(`paintMosaic: expected ${expected} values, got ${values.length}`);
  const rgba = new Uint8ClampedArray(layout.width * layout.height * 4);
  for (let t = 0; t < layout.tiles; t++) {
    const origin = tileOrigin(layout, t);
    for (let y = 0; y < layout.tileHeight; y++) {
      for (let x = 0; x < layout.tileWidth; x++) {
        const v = values[valueIndex(layout, order, t, y, x)];
        if (!Number.isNaN(v)) writeColour(rgba, (origin.y + y) * layout.width + origin.x + x, scale, v);
      }
    }
  }
  return rgba;
}

/** Smallest and largest value of each tile, NaN ignored (NaN for a tile without values). */
export function tileRanges(values: ArrayLike<number>, layout: MosaicLayout, order: TileOrder): { min: Float64Array; max: Float64Array } {
  const min = new Float64Array(layout.tiles).fill(Infinity);
  const max = new Float64Array(layout.tiles).fill(-Infinity);
  for (let t = 0; t < layout.tiles; t++) {
    for (let y = 0; y < layout.tileHeight; y++) {
      for (let x = 0; x < layout.tileWidth; x++) {
        const v = values[valueIndex(layout, order, t, y, x)];
        if (v < min[t]) min[t] = v;
        if (v > max[t]) max[t] = v;
      }
    }
    if (min[t] > max[t]) min[t] = max[t] = NaN;
  }
  return { min, max };
}

/** Smallest and largest value over all of `arrays`, NaN ignored ([0, 0] when there is none). */
export function valueRange(...arrays: ArrayLike<number>[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min > max ? { min: 0, max: 0 } : { min, max };
}
