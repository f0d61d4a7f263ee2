import { apiError } from '@/lib/api-error';
import { methodHandlers } from '@/lib/http/methods';
import { getPublishedModels } from '@/lib/storage/server-manifest';

// Read per request, like the manifest: a publish replaces the models in place.
export const dynamic = 'force-dynamic';

/** Every published model's full card (read and checked from next to its weights) as `{ models }`. */
export async function GET(): Promise<Response> {
  try {
    const models = await getPublishedModels();
    return Response.json({ models: models.map((m) => m.card) }, { headers: { 'cache-control': 'no-cache' } });
  } catch (error) {
    console.error('[models] cards unavailable:', error);
    return apiError(503, 'The model cards are unavailable');
  }
}

const { OPTIONS, methodNotAllowed } = methodHandlers(['GET', 'HEAD']);

export { OPTIONS, methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
