/**
 * Class lists of the "Inside the networks" section. No `dark:` twins: app/globals.css mirrors the
 * neutral scale in dark mode, so these read in either scheme like the rest of the lab. Pictures use
 * the palettes of lib/viz/palette.ts, which read on either background.
 */
import { PANEL, SELECT } from '../ui/styles';

/** Contained: the section's updates (a dozen canvases and their numbers on every shift) lay out and paint it alone. */
export const SECTION = `${PANEL} grid min-w-0 gap-4 [contain:layout_paint]`;
export const MUTED = 'text-slate-700';
export const BOX = 'rounded-lg border border-slate-200 p-3';
/** Behind a picture: shows through gaps and cells without a value (outside the interior). */
export const VOID = 'bg-slate-400';
export const FOCUSABLE = 'rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900';
export const SELECT_CLASS = SELECT;
/** A cursor or field frame that shows on any colour: a light line with a dark edge. */
export const MARKER_STYLE = { outline: '2px solid #fbbf24', boxShadow: '0 0 0 3px #000' } as const;
