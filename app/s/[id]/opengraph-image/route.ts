import { methodHandlers } from '@/lib/http/methods';
import { ensureSharePreview, previewKey } from '@/lib/share/preview';
import { getBlobStore } from '@/lib/storage';
import { serveBlob } from '@/lib/storage/serve';
import { renderSharePreview } from '../preview-card';

/**
 * A share's link-preview image: rendered once, then served from the blob store beside the share
 * with its ETag and a year of immutable caching (304 on revalidation); 404 for an unknown id.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const store = getBlobStore();
  if (!(await ensureSharePreview(id, renderSharePreview, store))) {
    return Response.json({ error: 'No such shared result', field: null }, { status: 404, headers: { 'cache-control': 'no-store' } });
  }
  return serveBlob(store, previewKey(id), request);
}

const { OPTIONS, methodNotAllowed } = methodHandlers(['GET', 'HEAD']);

export { OPTIONS, methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
