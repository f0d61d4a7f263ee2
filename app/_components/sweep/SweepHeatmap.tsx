'use client';

import { useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { SHIFT_GRID_SIDE } from '@/lib/digits/constants';
import { AXIS_SHIFTS, shiftGridIndex, shiftGridOffsets, type ShiftOffset } from '@/lib/digits/shift';
import type { SweepResult } from '@/lib/inference/types';
import type { ModelId } from '@/lib/models/ids';
import { MISMATCH_HEX, MODEL_HEX, SURFACE_HEX, confidenceFill, inkOn, type ModelColor } from '@/lib/viz/color';
import { compactPercent, formatShift, sparseShiftTick } from '@/lib/viz/format';
import { moveFocus } from '@/lib/viz/grid-nav';
import { shareMatching, topConfidence } from '@/lib/viz/shift-stats';

export interface SweepHeatmapProps {
  modelId: ModelId;
  /** The model's 17×17 sweep of the current digit; null until there is one. */
  sweep: SweepResult | null;
  /** The class every shift should still be read as. */
  expected: number;
  /** The shift currently applied to the input, outlined. */
  selected: ShiftOffset;
  /** Called when a cell is clicked or picked with Enter/Space. */
  onSelect(dx: number, dy: number): void;
  /** Theme hue of the model. */
  color: ModelColor;
}

/** One rendered cell of the sweep. */
interface SweepCell {
  dx: number;
  dy: number;
  top: number;
  matches: boolean;
  /** Fill and ink per colour scheme, as CSS variables the cell's classes pick from. */
  colors: CSSProperties;
  label: string;
}

const offsets = shiftGridOffsets();

/**
 * What a model reads at every shift of the digit: a 17×17 grid (dx −8…8 left→right, dy −8…8
 * top→bottom), each cell the predicted digit on a fill whose strength is the confidence, in the
 * model's hue when it is the expected digit and in rose when it is not. An ARIA grid: one tab stop,
 * arrow keys move, Enter or a click applies that shift.
 */
export function SweepHeatmap({ modelId, sweep, expected, selected, onSelect, color }: SweepHeatmapProps) {
  const cells = useMemo(() => (sweep ? sweepCells(sweep, expected, color) : null), [sweep, expected, color]);
  const summaryId = `sweep-${modelId}-summary`;
  const hintId = `sweep-${modelId}-hint`;

  return (
    <div
      data-testid={`sweep-${modelId}`}
      data-tops={sweep ? sweep.tops.join('') : undefined}
      data-expected={expected}
      // A flex column, not a one-column grid: a grid sizes its rows intrinsically, which re-ran the
      // nested grids below (axis frame, 17 rows of 17 square cells) on every layout of the page; on a
      // shift change that cost ~7× the page's layout time (Chrome trace, issue 16).
      className="flex min-w-0 flex-col gap-2"
    >
      {sweep && cells ? (
        <>
          <SweepSummary id={summaryId} tops={sweep.tops} expected={expected} />
          <AxisFrame>
            <CellGrid
              cells={cells}
              selected={selected}
              onSelect={onSelect}
              label={`${modelId.toUpperCase()} reading at every shift`}
              describedBy={`${summaryId} ${hintId}`}
            />
          </AxisFrame>
          <SweepLegend color={color} expected={expected} hintId={hintId} />
        </>
      ) : (
        <p className="grid aspect-square w-full place-items-center rounded-md border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600">
          The sweep appears here once there is a digit.
        </p>
      )}
    </div>
  );
}

function sweepCells(sweep: SweepResult, expected: number, color: ModelColor): SweepCell[] {
  return offsets.map(({ dx, dy }, index) => {
    const top = sweep.tops[index];
    const confidence = topConfidence(sweep.tops, sweep.probs, index);
    const matches = top === expected;
    const hue = matches ? MODEL_HEX[color] : MISMATCH_HEX;
    const reading = matches ? `reads ${top}` : `reads ${top}, not ${expected}`;
    return {
      dx,
      dy,
      top,
      matches,
      colors: cellColors(hue, confidence),
      label: `dx ${formatShift(dx)}, dy ${formatShift(dy)}: ${reading}, ${compactPercent(confidence)}`,
    };
  });
}

/**
 * One scale in both colour schemes: the hue over the panel surface, stronger with confidence. The
 * fills and their inks of both are set as variables; `CELL_COLORS` picks by `prefers-color-scheme`.
 */
function cellColors(hue: string, confidence: number): CSSProperties {
  const light = confidenceFill(hue, confidence, SURFACE_HEX.light);
  const dark = confidenceFill(hue, confidence, SURFACE_HEX.dark);
  return { '--fill': light, '--ink': inkOn(light), '--fill-dark': dark, '--ink-dark': inkOn(dark) } as CSSProperties;
}

/** Classes that paint a cell from the variables `cellColors` sets. */
const CELL_COLORS = 'bg-(--fill) text-(--ink) dark:bg-(--fill-dark) dark:text-(--ink-dark)';

/** A legend swatch from the surface to the full hue, in the current colour scheme. */
function scaleSwatch(hue: string): CSSProperties {
  const from = (surface: string) => `linear-gradient(to right, ${confidenceFill(hue, 0, surface)}, ${hue})`;
  return { '--fill': from(SURFACE_HEX.light), '--fill-dark': from(SURFACE_HEX.dark) } as CSSProperties;
}

/** "<share>% of shifts still read as <expected>", the sweep in one line. */
function SweepSummary({ id, tops, expected }: { id: string; tops: Uint8Array; expected: number }) {
  const share = shareMatching(tops, expected);
  const count = Math.round(share * tops.length);
  return (
    <p id={id} className="text-sm text-slate-700" data-share={share} aria-live="polite">
      <span className="font-semibold text-slate-900">{Math.round(share * 100)}%</span> of shifts still read as{' '}
      <span className="font-semibold text-slate-900">{expected}</span>{' '}
      <span className="text-slate-600">
        ({count} of {tops.length})
      </span>
    </p>
  );
}

/** Axis titles and every-fourth-pixel ticks around the grid; decorative, the cells name their own shift. */
function AxisFrame({ children }: { children: ReactNode }) {
  // One tick slot per grid column/row (AXIS_SHIFTS), so the ticks line up with the cells.
  return (
    <div className="grid grid-cols-[auto_auto_minmax(0,1fr)] gap-x-1 text-[10px] leading-none text-slate-600">
      <div aria-hidden="true" className="col-start-3 pb-1 text-center text-xs font-semibold text-slate-700">
        dx (px) →
      </div>
      <div aria-hidden="true" className="col-start-3 grid grid-cols-17 pb-0.5">
        {AXIS_SHIFTS.map((shift) => (
          <span key={shift} className="text-center tabular-nums">
            {sparseShiftTick(shift)}
          </span>
        ))}
      </div>
      <div
        aria-hidden="true"
        className="col-start-1 row-start-3 self-center text-xs font-semibold text-slate-700 [writing-mode:vertical-rl]"
      >
        dy (px) →
      </div>
      <div aria-hidden="true" className="col-start-2 row-start-3 grid grid-rows-17 pr-0.5">
        {AXIS_SHIFTS.map((shift) => (
          <span key={shift} className="self-center text-right tabular-nums">
            {sparseShiftTick(shift)}
          </span>
        ))}
      </div>
      <div className="col-start-3 row-start-3 min-w-0">{children}</div>
    </div>
  );
}

interface CellGridProps {
  cells: SweepCell[];
  selected: ShiftOffset;
  onSelect(dx: number, dy: number): void;
  label: string;
  describedBy: string;
}

/** The 17×17 ARIA grid with a roving tab stop that follows the selected shift. */
function CellGrid({ cells, selected, onSelect, label, describedBy }: CellGridProps) {
  const selectedIndex = shiftGridIndex(selected.dx, selected.dy);
  const [focusIndex, setFocusIndex] = useState(selectedIndex);
  // A shift chosen elsewhere (sliders, a click) moves the tab stop with it.
  const [lastSelected, setLastSelected] = useState(selectedIndex);
  if (lastSelected !== selectedIndex) {
    setLastSelected(selectedIndex);
    setFocusIndex(selectedIndex);
  }
  const cellRefs = useRef<Array<HTMLDivElement | null>>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(cells[index].dx, cells[index].dy);
      return;
    }
    const next = moveFocus(index, event.key, SHIFT_GRID_SIDE, event.ctrlKey || event.metaKey);
    if (next === null) return;
    event.preventDefault();
    setFocusIndex(next);
    cellRefs.current[next]?.focus();
  };

  const rows = Array.from({ length: SHIFT_GRID_SIDE }, (_, row) => cells.slice(row * SHIFT_GRID_SIDE, (row + 1) * SHIFT_GRID_SIDE));
  return (
    <div role="grid" aria-label={label} aria-describedby={describedBy} className="grid gap-px bg-white">
      {rows.map((row, r) => (
        <div role="row" key={r} className="grid grid-cols-17 gap-px">
          {row.map((cell, c) => {
            const index = r * SHIFT_GRID_SIDE + c;
            const isSelected = index === selectedIndex;
            return (
              <div
                key={index}
                ref={(el) => {
                  cellRefs.current[index] = el;
                }}
                role="gridcell"
                tabIndex={index === focusIndex ? 0 : -1}
                aria-selected={isSelected}
                aria-label={cell.label}
                title={cell.label}
                onClick={() => {
                  setFocusIndex(index);
                  onSelect(cell.dx, cell.dy);
                }}
                onKeyDown={(event) => onKeyDown(event, index)}
                className={`relative flex aspect-square cursor-pointer select-none items-center justify-center text-[10px] sm:text-[13px] md:text-[10px] lg:text-xs font-medium tabular-nums focus-visible:z-20 focus-visible:outline-3 focus-visible:outline-offset-1 focus-visible:outline-slate-900 ${
                  isSelected ? 'z-10 shadow-[inset_0_0_0_2px_#000,inset_0_0_0_3px_#fff] font-bold' : ''
                } ${cell.matches ? '' : 'italic'} ${CELL_COLORS}`}
                style={cell.colors}
              >
                {cell.top}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** Keys to the fills and the outline, and how to use the grid from a keyboard. */
function SweepLegend({ color, expected, hintId }: { color: ModelColor; expected: number; hintId: string }) {
  const hue = MODEL_HEX[color];
  return (
    <div className="grid gap-1 text-xs text-slate-700">
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        <li className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block h-3 w-10 rounded-sm bg-(image:--fill) dark:bg-(image:--fill-dark)"
            style={scaleSwatch(hue)}
          />
          reads {expected} (stronger = more confident)
        </li>
        <li className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="inline-block h-3 w-10 rounded-sm bg-(image:--fill) dark:bg-(image:--fill-dark)"
            style={scaleSwatch(MISMATCH_HEX)}
          />
          reads another digit (shown in italics)
        </li>
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-3 w-3 bg-white shadow-[inset_0_0_0_2px_#000]" />
          current shift
        </li>
      </ul>
      <p id={hintId}>Click a cell, or use the arrow keys and Enter, to shift the digit there.</p>
    </div>
  );
}
