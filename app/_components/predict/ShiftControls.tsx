'use client';

import { MAX_SHIFT } from '@/lib/digits/constants';
import type { ShiftOffset } from '@/lib/digits/shift';
import { startingHint, useHydrated } from '../ui/useHydrated';

interface ShiftControlsProps {
  shift: ShiftOffset;
  onChange(shift: ShiftOffset): void;
}

/** dx and dy sliders (−8…+8). Range inputs give arrow keys, Home/End and PageUp/PageDown for free. Reset: ResetShiftButton. */
export function ShiftControls({ shift, onChange }: ShiftControlsProps) {
  const hydrated = useHydrated();
  return (
    <fieldset className="grid gap-1" disabled={!hydrated} {...startingHint(hydrated)}>
      <legend className="sr-only">Shift the digit</legend>
      {(['dx', 'dy'] as const).map((axis) => (
        <label key={axis} className="grid grid-cols-[4.5rem_1fr_2.5rem] items-center gap-2 text-sm">
          <span>{axis === 'dx' ? 'dx (right)' : 'dy (down)'}</span>
          <input
            type="range"
            data-testid={`shift-${axis}`}
            min={-MAX_SHIFT}
            max={MAX_SHIFT}
            step={1}
            value={shift[axis]}
            onChange={(e) => onChange({ ...shift, [axis]: Number(e.currentTarget.value) })}
            className="h-11 w-full accent-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
            aria-valuetext={`${shift[axis]} pixels`}
          />
          <output className="text-right font-mono tabular-nums">{shift[axis] > 0 ? `+${shift[axis]}` : shift[axis]}</output>
        </label>
      ))}
    </fieldset>
  );
}
