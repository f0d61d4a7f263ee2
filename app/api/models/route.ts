import { apiError } from '@/lib/api-error';
import { methodHandlers } from '@/lib/http/methods';
import { labModel } from '@/lib/storage/published-models';
import { getPublishedModels } from '@/lib/storage/server-manifest';

// Read per request, like the manifest: a publish replaces the models in place.
export const dynamic = 'force-dynamic';

/** Every published model: its files and its card's facts, as `{ models }`. What the lab's page offers and runs. */
export async function GET(): Promise<Response> {
  try {
    const models = await getPublishedModels();
    return Response.json({ models: models.map(labModel) }, { headers: { 'cache-control': 'no-cache' } });
  } catch (error) {
    console.error('[models] models unavailable:', error);
    return apiError(503, 'The published models are unavailable');
  }
}

const { OPTIONS, methodNotAllowed } = methodHandlers(['GET', 'HEAD']);

export { OPTIONS, methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
