import Link from 'next/link';
import { formatRatio } from '@/lib/viz/format';

/**
 * The product's name and a plain explanation of the experiment. `parameterRatio` (unshared over
 * shared parameters) comes from the model card, so the sentence follows a retrained pair.
 */
export function Intro({ parameterRatio }: { parameterRatio: number | null }) {
  return (
    <header className="grid gap-2">
      <h1 className="text-3xl font-bold tracking-tight">Weight Sharing Lab</h1>
      <p className="max-w-5xl leading-relaxed text-slate-700">
        Two small networks with the same layers, trained the same way, read your handwriting. The{' '}
        <strong className="text-shared-ink">CNN</strong> uses one small set of weights everywhere in the image (shared weights); the{' '}
        <strong className="text-unshared-ink">locally connected network</strong> learns a separate set for every position (unshared weights)
        {parameterRatio !== null && `, ${formatRatio(parameterRatio).replace('×', '')} times as many parameters`}. Draw a digit, move it
        around, and see what sharing weights buys, all in your browser. See{' '}
        <Link href="/evidence" className="underline underline-offset-2">
          what the data says
        </Link>
        , or{' '}
        <Link href="/train" className="underline underline-offset-2">
          train them yourself
        </Link>
        .
      </p>
    </header>
  );
}
