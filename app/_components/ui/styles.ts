/**
 * Class lists the lab's features share, so a control looks the same wherever it is. Layout
 * (grid, gaps, alignment) is added where one is used.
 */

/** A top-level section of a page: a white card. */
export const PANEL = 'rounded-xl bg-white p-4 shadow-sm';

/** The main action of a panel: dark, 44 px tall, greyed out while disabled. */
export const PRIMARY_BUTTON =
  'min-h-11 rounded-md bg-slate-900 px-4 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:cursor-not-allowed disabled:bg-slate-400';

/** A drop-down choice, 44 px tall. */
export const SELECT = 'h-11 rounded-md border border-slate-300 bg-white px-2 disabled:cursor-not-allowed disabled:opacity-50';
