import type { Metadata } from 'next';
import Link from 'next/link';
import { TrainPanel } from '../_components/train/TrainPanel';
import { PANEL } from '../_components/ui/styles';
import { TrainIntro } from '../_components/train/TrainIntro';

export const metadata: Metadata = {
  title: 'Train them yourself',
  description:
    'Race a shared-weights CNN against an unshared-weights LCN from scratch, on as many MNIST digits as you choose, in your browser.',
};

/** "Train them yourself": the race panel on a page of its own (linked from the lab and the evidence page). */
export default function TrainPage() {
  return (
    <main className="mx-auto grid max-w-5xl gap-4 px-3 py-4 sm:px-6 lg:gap-6 lg:py-6">
      <header className="grid gap-2">
        <p className="text-sm">
          <Link href="/" className="underline underline-offset-2">
            ← Weight Sharing Lab
          </Link>{' '}
          ·{' '}
          <Link href="/evidence" className="underline underline-offset-2">
            What the data says
          </Link>
        </p>
        <h1 className="text-3xl font-bold tracking-tight">Train them yourself</h1>
      </header>
      <section aria-label="The race" className={`grid gap-4 ${PANEL}`}>
        <TrainIntro />
        <TrainPanel />
      </section>
    </main>
  );
}
