import { getPublishedModels } from '@/lib/storage/server-manifest';
import { Lab } from './_components/Lab';
import { ModelCards } from './_components/cards/ModelCards';
import { Intro } from './_components/Intro';
import { sharedAndUnshared } from '@/lib/viz/card-stats';

// The models and their cards live in blob storage and may be republished: read them per request.
export const dynamic = 'force-dynamic';

export default async function Home() {
  const models = await getPublishedModels();
  const cards = models.map((m) => m.card);
  const pair = sharedAndUnshared(cards);
  return (
    <main className="mx-auto grid max-w-6xl gap-4 px-3 py-4 sm:px-6 lg:gap-6 lg:py-6">
      <Intro parameterRatio={pair && pair.unshared.params / pair.shared.params} />
      <Lab models={models} />
      <ModelCards models={cards} />
    </main>
  );
}
