import Link from 'next/link';
import type { RaceShare } from '@/lib/share/schema';
import { RaceCharts, raceModelName } from '@/app/_components/train/RaceCharts';
import { RaceSummary } from '@/app/_components/train/RaceSummary';
import { PANEL } from '@/app/_components/ui/styles';

/** A shared "Train them yourself" race: its settings, curves and summary (never weights), and a way to run one. */
export function RaceSharePage({ share: { race } }: { share: RaceShare }) {
  const { settings } = race;
  return (
    <main className="mx-auto grid max-w-5xl gap-6 px-3 py-6 sm:px-6">
      <header className="grid gap-2">
        <p className="text-sm">
          <Link href="/" className="text-blue-800 underline">
            Weight Sharing Lab
          </Link>
        </p>
        <h1 className="text-3xl font-bold tracking-tight">A shared training race</h1>
      </header>
      <section aria-labelledby="race-heading" className={`grid gap-4 ${PANEL}`} data-testid="shared-race">
        <h2 id="race-heading" className="text-xl font-semibold">
          {raceModelName(settings.models[0])} against {raceModelName(settings.models[1])}
        </h2>
        <p className="text-sm text-slate-700" data-testid="shared-race-settings">
          Trained from scratch in the sharer’s browser on {settings.trainImages.toLocaleString('en')} MNIST training digits for{' '}
          {settings.epochs} {settings.epochs === 1 ? 'epoch' : 'epochs'} on {race.backend},{' '}
          {race.outcome === 'done' ? 'to the end' : `stopped after ${race.models[0].step} of ${race.models[0].totalSteps} steps`}, in{' '}
          {race.wallSeconds.toFixed(1)} s; accuracy measured on {race.heldOutDigits.toLocaleString('en')} held-out test digits.
        </p>
        <RaceSummary sides={race.models} caption="Each model at the end of the race" />
        <RaceCharts sides={race.models} heldOutDigits={race.heldOutDigits} />
        <p>
          <Link href="/train" className="text-blue-800 underline">
            Train them yourself
          </Link>{' '}
          — the same race, on your device.
        </p>
      </section>
    </main>
  );
}
