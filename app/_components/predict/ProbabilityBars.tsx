import type { ModelColor } from '@/lib/viz/color';
import { compactPercent, formatPercent } from '@/lib/viz/format';

export interface ProbabilityBarsProps {
  /** Softmax probabilities of digits 0–9. */
  probs: number[];
  /** The arg-max digit, highlighted. */
  top: number;
  /** What the bars are, e.g. "CNN — shared weights probabilities"; captions the screen-reader table. */
  label?: string;
  /** Theme hue of the model. */
  color: ModelColor;
}

const barFill: Record<ModelColor, { top: string; other: string }> = {
  shared: { top: 'bg-shared', other: 'bg-shared/35' },
  unshared: { top: 'bg-unshared', other: 'bg-unshared/35' },
};

/**
 * Ten vertical bars, one a digit, each labelled with its probability; the top digit in full colour
 * and bold. Screen readers get the same numbers as a table instead of the bars.
 */
export function ProbabilityBars({ probs, top, label = 'Probability of each digit', color }: ProbabilityBarsProps) {
  return (
    <figure className="m-0">
      <div aria-hidden="true" className="grid grid-cols-10 items-end gap-1">
        {probs.map((p, digit) => (
          <div key={digit} className="grid min-w-0 justify-items-center gap-0.5">
            <span className="text-[10px] leading-none text-slate-700 tabular-nums">{compactPercent(p)}</span>
            <div className="flex h-20 w-full items-end rounded-sm bg-slate-100">
              <div
                className={`w-full rounded-sm ${digit === top ? barFill[color].top : barFill[color].other}`}
                // At least a hairline, so a 0 % bar still shows where the digit sits.
                style={{ height: `max(2px, ${p * 100}%)` }}
              />
            </div>
            <span
              className={`text-sm leading-none ${digit === top ? 'font-bold text-slate-900 underline underline-offset-2' : 'text-slate-700'}`}
            >
              {digit}
            </span>
          </div>
        ))}
      </div>
      <table className="sr-only">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Digit</th>
            <th scope="col">Probability</th>
          </tr>
        </thead>
        <tbody>
          {probs.map((p, digit) => (
            <tr key={digit}>
              <th scope="row">{digit === top ? `${digit} (top)` : digit}</th>
              <td>{formatPercent(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
