'use client';

import type { ModelFacts } from '@/lib/models/card';
import type { ModelId } from '@/lib/models/ids';
import { choosePairSide, type ModelPair } from '@/lib/models/pair';
import { pairContrast } from '@/lib/models/pair-contrast';
import { startingHint, useHydrated } from '../ui/useHydrated';
import { SELECT } from '../ui/styles';

interface PairPickerProps {
  /** Every published model's card, in display order: what each side offers. */
  models: readonly ModelFacts[];
  pair: ModelPair;
  onChange(pair: ModelPair): void;
  /** What the link that opened the lab asked for and could not have, in words (lib/share/lab-query.ts). */
  linkProblems?: readonly string[];
}

const SIDES = [
  { side: 0, label: 'Model A', testId: 'model-a' },
  { side: 1, label: 'Model B', testId: 'model-b' },
] as const;

/**
 * The two models the lab compares, and one line on what that comparison isolates. Choosing the
 * other side's model swaps the two. Off until the page has hydrated, like the lab's other controls.
 */
export function PairPicker({ models, pair, onChange, linkProblems = [] }: PairPickerProps) {
  const hydrated = useHydrated();
  const [a, b] = pair.map((id) => models.find((m) => m.id === id));
  return (
    <section aria-label="The models compared" className="grid grid-cols-2 gap-x-3 gap-y-2">
      {SIDES.map(({ side, label, testId }) => (
        <label key={side} className="grid gap-1 text-sm font-medium">
          {label}
          <select
            data-testid={testId}
            value={pair[side]}
            onChange={(e) => onChange(choosePairSide(pair, side, e.currentTarget.value as ModelId))}
            disabled={!hydrated}
            {...startingHint(hydrated)}
            className={SELECT}
          >
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      ))}
      {a && b && (
        <p data-testid="pair-contrast" className="col-span-2 text-sm text-slate-700">
          {pairContrast(a, b)}
        </p>
      )}
      {linkProblems.length > 0 && (
        <div data-testid="lab-link-problems" role="status" className="col-span-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          <p>The link asked for what the lab cannot show:</p>
          <ul className="list-disc pl-5">
            {linkProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
