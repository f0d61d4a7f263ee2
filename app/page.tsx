import { getModelManifest } from '@/lib/storage/server-manifest';
import { committedCard as card } from './_components/committed-card';
import { Lab } from './_components/Lab';
import { ModelCards } from './_components/ModelCards';
import { Intro } from './_components/Intro';
import { sharedAndUnshared } from './_components/cards/series';

// The manifest lives in blob storage and may be republished: read it per request.
export const dynamic = 'force-dynamic';

export default async function Home() {
  const manifest = await getModelManifest();
  const pair = sharedAndUnshared(card.models);
  return (
    <main className="mx-auto grid max-w-6xl gap-6 px-3 py-6 sm:px-6">
      <Intro parameterRatio={pair && pair.unshared.params / pair.shared.params} />
      <Lab manifest={manifest} cards={card.models} />
      <ModelCards card={card} />
    </main>
  );
}
