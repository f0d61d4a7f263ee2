import { apiError } from '@/lib/api-error';
import { getBlobStore } from '@/lib/storage';
import { serveBlob } from '@/lib/storage/serve';

/**
 * Serves the local blob store at `/blob/<key>` (the URLs `LocalBlobStore` hands out). With Vercel
 * Blob the browser fetches blobs from Vercel's CDN, so this route has nothing to serve.
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string[] }> }): Promise<Response> {
  const store = getBlobStore();
  if (store.driver !== 'local') return apiError(404, 'Not found');
  return serveBlob(store, (await params).key.join('/'), request);
}
