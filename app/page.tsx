import { getPublishedModels } from '@/lib/storage/server-manifest';
import { labModel } from '@/lib/storage/published-models';
import { Lab } from './_components/Lab';
import { Intro } from './_components/Intro';
import { sharedAndUnshared } from '@/lib/viz/card-stats';
import { parseLabQuery, type SearchParams } from '@/lib/share/lab-query';

// The models and their cards live in blob storage and may be republished: read them per request.
export const dynamic = 'force-dynamic';

export default async function Home({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const models = await getPublishedModels();
  const cards = models.map((m) => m.card);
  // A lab link (/?a=…&b=…&digit=…&dx=…&dy=…): what it cannot have is shown instead of failing.
  const { state, problems } = parseLabQuery(
    await searchParams,
    models.map((m) => m.id),
  );
  const pair = sharedAndUnshared(cards);
  return (
    <main className="mx-auto grid max-w-6xl gap-4 px-3 py-4 sm:px-6 lg:gap-6 lg:py-6">
      <Intro parameterRatio={pair && pair.unshared.params / pair.shared.params} />
      <Lab models={models.map(labModel)} initial={{ ...state, linkProblems: problems }} followInAddress withCards />
    </main>
  );
}
