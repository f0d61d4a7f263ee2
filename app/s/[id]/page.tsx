import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { decodePixels } from '@/lib/digits/codec';
import { cache } from 'react';
import { sharedModels, sharedResult } from '@/lib/share/schema';
import { getShare } from '@/lib/share/store';
import { PREVIEW_SIZE } from '@/lib/share/preview';
import { appEnv } from '@/lib/env';
import { siteOrigin } from '@/lib/http/site-url';
import { getPublishedModels } from '@/lib/storage/server-manifest';
import { labModel } from '@/lib/storage/published-models';
import { formatMs, formatPercent } from '@/lib/viz/format';
import { Lab } from '@/app/_components/Lab';
import { BenchmarkResults } from '@/app/_components/benchmark/BenchmarkResults';
import { DigitPreview } from '@/app/_components/ui/DigitPreview';
import { modelTitle } from '@/app/_components/ui/model-style';
import { PANEL } from '@/app/_components/ui/styles';
import { PREVIEW_ALT } from './preview-card';
import { RaceSharePage } from './RaceSharePage';

export const dynamic = 'force-dynamic';

// generateMetadata and the page both need the share and the models: one store read each per request.
const loadShare = cache(getShare);
const loadModels = cache(getPublishedModels);

interface SharePageProps {
  params: Promise<{ id: string }>;
}

/**
 * Absolute URLs in link previews (og:image) name the site's origin — SITE_URL, else the host the
 * page was asked for — instead of Next.js's default, localhost.
 */
export async function generateMetadata({ params }: SharePageProps): Promise<Metadata> {
  return { metadataBase: new URL(siteOrigin(await headers(), appEnv().SITE_URL)), ...(await shareMetadata((await params).id)) };
}

async function shareMetadata(id: string): Promise<Metadata> {
  const share = await loadShare(id);
  if (!share) return { title: 'Result not found' };
  // Relative: metadataBase makes them absolute on this site's origin.
  const image = (name: string) => [{ url: `/s/${id}/${name}`, ...PREVIEW_SIZE, alt: PREVIEW_ALT, type: 'image/png' }];
  if (share.v === 3) {
    const { race } = share;
    return {
      title: 'A shared training race',
      description: `Trained in the browser on ${race.settings.trainImages} digits for ${race.settings.epochs} epochs: ${race.models
        .map((m) => `${m.modelId.toUpperCase()} ${(m.finalAccuracy * 100).toFixed(1)} %`)
        .join(', ')} held-out accuracy.`,
      openGraph: { images: image('opengraph-image') },
      twitter: { card: 'summary_large_image', images: image('twitter-image') },
    };
  }
  const published = await loadModels();
  const summary = sharedModels(share)
    .map((modelId) => `${published.find((m) => m.id === modelId)?.card.name ?? modelId} reads ${sharedResult(share, modelId).top}`)
    .join(', ');
  return {
    title: 'A shared result',
    description: `A digit shifted by (${share.shift.dx}, ${share.shift.dy}): ${summary}.`,
    openGraph: { images: image('opengraph-image') },
    twitter: { card: 'summary_large_image', images: image('twitter-image') },
  };
}

/** A shared result: the sharer's digit, shift and readings, then both models re-run live here. */
export default async function SharePage({ params }: SharePageProps) {
  const share = await loadShare((await params).id);
  if (!share) notFound();
  if (share.v === 3) return <RaceSharePage share={share} />;
  const pixels = decodePixels(share.input);
  const published = await loadModels();
  const pair = sharedModels(share);
  // A model the store no longer publishes is named, not run: the rest of the share still works.
  const models = pair.flatMap((id) => published.filter((m) => m.id === id));
  const missing = pair.filter((id) => !models.some((m) => m.id === id));
  const benchmark = share.v === 2 ? share.benchmark : undefined;

  return (
    <main className="mx-auto grid max-w-6xl gap-6 px-3 py-6 sm:px-6">
      <header className="grid gap-2">
        <p className="text-sm">
          <Link href="/" className="text-blue-800 underline">
            Weight Sharing Lab
          </Link>
        </p>
        <h1 className="text-3xl font-bold tracking-tight">A shared result</h1>
      </header>
      <section aria-labelledby="shared-heading" className={`grid gap-4 ${PANEL} sm:grid-cols-[auto_1fr]`}>
        <h2 id="shared-heading" className="text-xl font-semibold sm:col-span-2">
          What the sharer saw
        </h2>
        <figure className="grid gap-1">
          <DigitPreview pixels={pixels} label="The shared 28×28 input" size={112} />
          <figcaption className="text-xs text-slate-600">
            shifted by ({share.shift.dx}, {share.shift.dy})
          </figcaption>
        </figure>
        <ul className="grid content-start gap-2" data-testid="shared-results">
          {pair.map((id) => {
            const result = sharedResult(share, id);
            const model = models.find((m) => m.id === id);
            return (
              <li key={id} data-model={id} data-top={result.top}>
                <strong>{model ? modelTitle(model.card) : id}</strong> read <strong>{result.top}</strong> (
                {formatPercent(result.probs[result.top])}) in {formatMs(result.latencyMs)} on {result.backend}
              </li>
            );
          })}
        </ul>
        {missing.length > 0 && (
          <p role="status" data-testid="share-missing-models" className="text-sm text-amber-900 sm:col-span-2">
            This result was made with {missing.join(' and ')}, which this site does not publish any more: its reading above is what the
            sharer saw, and it cannot be re-run here.
          </p>
        )}
      </section>
      {benchmark && (
        <section aria-labelledby="shared-benchmark-heading" className={`grid min-w-0 gap-3 ${PANEL}`}>
          <h2 id="shared-benchmark-heading" className="text-xl font-semibold">
            The sharer’s device
          </h2>
          <BenchmarkResults
            benchmark={benchmark}
            names={Object.fromEntries(published.map((m) => [m.id, m.card.name]))}
            testId="shared-benchmark"
          />
          <p className="text-sm text-slate-700">Run “Benchmark this device” below to compare yours.</p>
        </section>
      )}
      <h2 className="text-xl font-semibold">Re-run live in your browser</h2>
      {models.length === 2 ? (
        <Lab models={published.map(labModel)} initial={{ pair, input: { pixels, source: 'shared' }, shift: share.shift, benchmark }} />
      ) : (
        <p className="text-sm">The lab compares two models; open it to choose another pair.</p>
      )}
    </main>
  );
}
