import { apiError } from '@/lib/api-error';
import { getModelManifest } from '@/lib/storage/server-manifest';

// Read per request: a publish replaces the manifest in place.
export const dynamic = 'force-dynamic';

/** The published model manifest (file URLs, sizes, sha256, headline metrics) as JSON. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await getModelManifest(), { headers: { 'cache-control': 'no-cache' } });
  } catch (error) {
    console.error('[models] manifest unavailable:', error);
    return apiError(503, 'The model manifest is unavailable');
  }
}
