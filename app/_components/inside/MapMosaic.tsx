'use client';

import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { cellAt, moveCell, paintMosaic, tileOrigin, type MosaicCell, type MosaicLayout, type TileOrder } from '@/lib/viz/mosaic';
import type { MapScale } from '@/lib/viz/palette';
import { FOCUSABLE, MARKER_STYLE, VOID } from './theme';

export interface MapMosaicProps {
  values: Float32Array;
  layout: MosaicLayout;
  order: TileOrder;
  scale: MapScale;
  /** Text alternative of the picture (what it shows, its range). */
  label: string;
  testId?: string;
  /** The cell to outline (this picture's cursor), if any. */
  cursor?: MosaicCell | null;
  /** Makes the picture explorable by pointer and keyboard: called with the cell under the pointer or cursor, null on leaving. */
  onCursor?(cell: MosaicCell | null): void;
  /** Id of the element that reads out the cursor's cell (a live region). */
  describedBy?: string;
  /** The cursor picks whole tiles (e.g. one kernel of a mosaic of kernels), not cells; its cell is then (0, 0). */
  wholeTiles?: boolean;
  className?: string;
}

/**
 * Tiles drawn on one canvas, one canvas pixel a value, scaled up without smoothing. Explorable
 * pictures are one tab stop each: arrow keys move a cursor over the cells (across tiles), Home/End
 * jump to the first/last cell; pointing works the same way.
 */
export function MapMosaic({
  values,
  layout,
  order,
  scale,
  label,
  testId,
  cursor,
  onCursor,
  describedBy,
  wholeTiles = false,
  className = '',
}: MapMosaicProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    context.putImageData(new ImageData(paintMosaic(values, layout, order, scale), layout.width, layout.height), 0, 0);
    canvas.dataset.tiles = String(layout.tiles);
  }, [values, layout, order, scale]);

  const picture = (
    <div className={`relative ${VOID}`}>
      <canvas
        ref={canvasRef}
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={label}
        data-testid={testId}
        className="block h-auto w-full"
        style={{ imageRendering: 'pixelated', aspectRatio: `${layout.width} / ${layout.height}` }}
      />
      {cursor && <CellMarker layout={layout} cell={cursor} wholeTile={wholeTiles} />}
    </div>
  );
  if (!onCursor) return <div className={className}>{picture}</div>;

  const tileOnly = (cell: MosaicCell | null) => (cell && wholeTiles ? { tile: cell.tile, y: 0, x: 0 } : cell);
  const pointAt = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    onCursor(
      tileOnly(
        cellAt(layout, ((e.clientX - rect.left) / rect.width) * layout.width, ((e.clientY - rect.top) / rect.height) * layout.height),
      ),
    );
  };
  // Tile by tile: the same walk over a grid of one-cell tiles.
  const walk = wholeTiles ? { ...layout, tileHeight: 1, tileWidth: 1 } : layout;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = moveCell(walk, cursor ?? { tile: 0, y: 0, x: 0 }, e.key);
    if (!next) return;
    e.preventDefault();
    onCursor(next);
  };
  return (
    <div
      tabIndex={0}
      role="group"
      aria-label={`${label}. Arrow keys move a cursor over the cells.`}
      aria-describedby={describedBy}
      className={`cursor-crosshair ${FOCUSABLE} ${className}`}
      onPointerMove={pointAt}
      onPointerLeave={() => onCursor(null)}
      onFocus={() => onCursor(cursor ?? { tile: 0, y: 0, x: 0 })}
      onBlur={() => onCursor(null)}
      onKeyDown={onKeyDown}
    >
      {picture}
    </div>
  );
}

/** A frame around one cell, placed in percent so it follows the picture's displayed size. */
function CellMarker({ layout, cell, wholeTile }: { layout: MosaicLayout; cell: MosaicCell; wholeTile: boolean }) {
  const origin = tileOrigin(layout, cell.tile);
  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  const [w, h] = wholeTile ? [layout.tileWidth, layout.tileHeight] : [1, 1];
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none absolute"
      style={{
        left: pct(origin.x + cell.x, layout.width),
        top: pct(origin.y + cell.y, layout.height),
        width: pct(w, layout.width),
        height: pct(h, layout.height),
        ...MARKER_STYLE,
      }}
    />
  );
}
