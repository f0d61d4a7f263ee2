import { MAX_SHIFT } from '@/lib/digits/constants';
import { isModelId, type ModelId } from '@/lib/models/ids';

/** What the lab shows on arrival: its pair of models, a test digit (index into the shipped sample) and a shift. */
export interface LabState {
  a: ModelId;
  b: ModelId;
  digit: number;
  dx: number;
  dy: number;
}

/** The lab's URL for a state: `/?a=<id>&b=<id>&digit=<index>&dx=<int>&dy=<int>`; throws on a state the lab cannot show. */
export function labHref({ a, b, digit, dx, dy }: LabState): string {
  for (const id of [a, b]) if (!isModelId(id)) throw new RangeError(`labHref: unknown model id '${id}'`);
  if (a === b) throw new RangeError(`labHref: a and b are both '${a}'; the lab compares two models`);
  if (!Number.isInteger(digit) || digit < 0) throw new RangeError(`labHref: digit must be a non-negative integer, got ${digit}`);
  for (const [name, shift] of [
    ['dx', dx],
    ['dy', dy],
  ] as const)
    if (!Number.isInteger(shift) || Math.abs(shift) > MAX_SHIFT) throw new RangeError(`labHref: ${name} must be an integer in ±${MAX_SHIFT}, got ${shift}`);
  return `/?${new URLSearchParams({ a, b, digit: String(digit), dx: String(dx), dy: String(dy) })}`;
}
