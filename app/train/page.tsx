import type { Metadata } from 'next';
import Link from 'next/link';
import { TrainPanel } from '../_components/train/TrainPanel';
import { PANEL } from '../_components/ui/styles';
import { SubpageHeader } from '../_components/ui/SubpageHeader';
import { TrainIntro } from '../_components/train/TrainIntro';

// Rendered per request: its scripts carry the response's CSP nonce (proxy.ts).
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Train them yourself',
  description:
    'Race a shared-weights CNN against an unshared-weights LCN from scratch, on as many MNIST digits as you choose, in your browser.',
};

/** "Train them yourself": the race panel on a page of its own (linked from the lab and the evidence page). */
export default function TrainPage() {
  return (
    <main className="mx-auto grid max-w-5xl gap-4 px-3 py-4 sm:px-6 lg:gap-6 lg:py-6">
      <SubpageHeader
        title="Train them yourself"
        links={
          <Link href="/evidence" className="underline underline-offset-2">
            What the data says
          </Link>
        }
      />
      <section aria-label="The race" className={`grid gap-4 ${PANEL}`}>
        <TrainIntro />
        <TrainPanel />
      </section>
    </main>
  );
}
