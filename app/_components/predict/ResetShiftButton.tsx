'use client';

import type { ShiftOffset } from '@/lib/digits/shift';
import { startingHint, useHydrated } from '../ui/useHydrated';

/** Back to no shift; off until the page has hydrated, like the sliders it goes with. */
export function ResetShiftButton({ onChange }: { onChange(shift: ShiftOffset): void }) {
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      onClick={() => onChange({ dx: 0, dy: 0 })}
      disabled={!hydrated}
      {...startingHint(hydrated)}
      className="min-h-11 rounded-md border border-slate-300 bg-white px-3 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
    >
      Reset shift
    </button>
  );
}
