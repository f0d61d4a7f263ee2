import type { Verdict } from '@/lib/experiments/claims';

const WORDS: Record<Verdict | 'pending', string> = {
  supported: 'Supported',
  contradicted: 'Contradicted',
  mixed: 'Mixed',
  'no-difference': 'No clear difference',
  pending: 'Pending',
};

/** The verdict in words (never colour alone): a bordered label beside the claim's heading. */
export function VerdictBadge({ verdict }: { verdict: Verdict | 'pending' }) {
  return (
    <p className="rounded-full border border-slate-500 px-3 py-0.5 text-sm font-semibold text-slate-900">
      <span className="sr-only">Verdict: </span>
      {WORDS[verdict]}
    </p>
  );
}
