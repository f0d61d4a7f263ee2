'use client';

import { INPUT_SIZE } from '@/lib/digits/constants';
import type { ShiftOffset } from '@/lib/digits/shift';
import { DigitPreview } from '../ui/DigitPreview';
import { MARKER_STYLE, MUTED } from './theme';
import { formatOffset } from './words';

/** An input rectangle, inclusive, in input pixels. */
export interface InputRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface InputFieldsProps {
  pixels: Uint8Array;
  shifted: Uint8Array;
  shift: ShiftOffset;
  /** The receptive field to outline on each input, if any. */
  fields: { unshifted: InputRect | null; shifted: InputRect | null };
  /** What the cursor is over, in words (read out politely). */
  description: string;
  descriptionId: string;
}

const SIZE = 112;

/** Both inputs, each with the receptive field of the map cell under the cursor outlined. */
export function InputFields({ pixels, shifted, shift, fields, description, descriptionId }: InputFieldsProps) {
  return (
    <div className="flex flex-wrap items-start gap-4">
      {(
        [
          ['input', pixels, fields.unshifted],
          [`shifted by ${formatOffset(shift)}`, shifted, fields.shifted],
        ] as const
      ).map(([caption, image, rect]) => (
        <figure key={caption} className="grid gap-1">
          <div className="relative" style={{ width: SIZE, height: SIZE }}>
            <DigitPreview pixels={image} size={SIZE} label={`The ${caption} digit`} />
            {rect && (
              <div
                aria-hidden="true"
                data-testid="receptive-field"
                className="pointer-events-none absolute"
                style={{
                  left: (rect.left / INPUT_SIZE) * SIZE,
                  top: (rect.top / INPUT_SIZE) * SIZE,
                  width: ((rect.right - rect.left + 1) / INPUT_SIZE) * SIZE,
                  height: ((rect.bottom - rect.top + 1) / INPUT_SIZE) * SIZE,
                  ...MARKER_STYLE,
                }}
              />
            )}
          </div>
          <figcaption className={`text-xs ${MUTED}`}>{caption}</figcaption>
        </figure>
      ))}
      <p id={descriptionId} aria-live="polite" className={`min-w-48 flex-1 text-sm ${MUTED}`}>
        {description}
      </p>
    </div>
  );
}
