import type { Metadata } from 'next';
import { readEvidence } from '@/lib/experiments/read';
import { CLEAR_DIFFERENCE } from '@/lib/experiments/verdicts';
import { ClaimSection } from '../_components/evidence/ClaimSection';
import { PANEL } from '../_components/ui/styles';
import { SubpageHeader } from '../_components/ui/SubpageHeader';
import { Fragment } from 'react';
import { TrainIntro } from '../_components/train/TrainIntro';
import { TrainOnDemand } from '../_components/train/TrainOnDemand';

// Rendered per request: its scripts carry the response's CSP nonce (proxy.ts), and a local experiments run shows at once.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'What the data says',
  description:
    'Six claims about shared weights, each tested on trained models: the experiment, the numbers with their uncertainty, and a computed verdict.',
};

/** The evidence page: every claim about shared weights against the committed experiments and the zoo's card. */
export default async function EvidencePage() {
  const { claims, quick } = await readEvidence();
  return (
    <main className="mx-auto grid max-w-5xl gap-4 px-3 py-4 sm:px-6 lg:gap-6 lg:py-6">
      <SubpageHeader title="What the data says">
        <p className="max-w-4xl leading-relaxed text-slate-700">
          Six things are often said about shared weights. Each is tested here on networks trained for the purpose: the claim, the
          experiment, a chart, the numbers with their spread over seeds, and a verdict computed from them — a difference counts when{' '}
          {CLEAR_DIFFERENCE}. Sections whose experiments have not been run yet say so, and how to run them.
        </p>
        {quick && (
          <p role="note" className="rounded-md border border-slate-400 p-2 text-sm text-slate-900">
            experiments/summary.json comes from a <code>--quick</code> smoke run: tiny sizes, numbers that mean nothing.
          </p>
        )}
      </SubpageHeader>
      {claims.map((claim) => (
        <Fragment key={claim.key}>
          <ClaimSection evidence={claim} className={PANEL} />
          {/* The live version of the sample-efficiency experiment, right after it. */}
          {claim.key === 'locality' && (
            <section aria-labelledby="train-yourself-heading" className={`grid gap-3 ${PANEL}`} data-testid="evidence-train">
              <h2 id="train-yourself-heading" className="text-xl font-semibold">
                Train them yourself
              </h2>
              <TrainIntro />
              <TrainOnDemand />
            </section>
          )}
        </Fragment>
      ))}
    </main>
  );
}
