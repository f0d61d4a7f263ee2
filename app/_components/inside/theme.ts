/**
 * Class lists of the "Inside the networks" section. The section carries its own dark variant
 * (Tailwind's `dark:`, whatever the app configures it to follow), so its text keeps its contrast
 * whether or not the page around it is dark. Pictures use the palettes of lib/viz/palette.ts,
 * which read on either background.
 */
import { PANEL, SELECT } from '../ui/styles';

/** Contained: the section's updates (a dozen canvases and their numbers on every shift) lay out and paint it alone. */
export const SECTION = `${PANEL} grid min-w-0 gap-4 text-slate-900 [contain:layout_paint] dark:bg-slate-900 dark:text-slate-100`;
export const MUTED = 'text-slate-700 dark:text-slate-300';
export const BOX = 'rounded-lg border border-slate-200 p-3 dark:border-slate-700';
/** Behind a picture: shows through gaps and cells without a value (outside the interior). */
export const VOID = 'bg-slate-400 dark:bg-slate-500';
export const FOCUSABLE =
  'rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 dark:focus-visible:outline-slate-100';
export const SELECT_CLASS = `${SELECT} dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100`;
/** A cursor or field frame that shows on any colour: a light line with a dark edge. */
export const MARKER_STYLE = { outline: '2px solid #fbbf24', boxShadow: '0 0 0 3px #000' } as const;

/** A model's name in its hue, light enough on the dark background too. */
export function titleClass(model: { weightSharing: boolean }): string {
  return model.weightSharing ? 'text-shared dark:text-blue-300' : 'text-unshared-ink dark:text-amber-300';
}
