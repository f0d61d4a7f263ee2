import { apiError } from '@/lib/api-error';
import type { BlobInfo, BlobStore } from './blob-store';
import { isValidBlobKey } from './keys';

/**
 * Answers an HTTP GET for a blob: 200 with Content-Type, Content-Length, ETag and the blob's own
 * Cache-Control (a year and `immutable` for content-addressed keys, revalidate otherwise); 304
 * when If-None-Match names the current ETag; 404 for a missing or unsafe key, never a 500 for a
 * bad request.
 */
export async function serveBlob(store: BlobStore, key: string, request: Request): Promise<Response> {
  if (!isValidBlobKey(key)) return notFound();
  // A revalidation that matches is answered from the metadata, without reading the body.
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch) {
    const info = await store.head(key);
    if (info && etagMatches(ifNoneMatch, info.etag)) return new Response(null, { status: 304, headers: cacheHeaders(info) });
  }
  const blob = await store.get(key);
  if (!blob) return notFound();
  const { info, body } = blob;
  const headers = cacheHeaders(info);
  if (etagMatches(ifNoneMatch, info.etag)) return new Response(null, { status: 304, headers });
  headers.set('content-type', info.contentType);
  headers.set('content-length', String(body.byteLength));
  headers.set('x-content-type-options', 'nosniff');
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

function cacheHeaders(info: BlobInfo): Headers {
  return new Headers({ etag: info.etag, 'cache-control': info.cacheControl });
}

/** If-None-Match: `*` or a comma-separated list of (possibly weak) ETags. */
function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque);
}

function notFound(): Response {
  return apiError(404, 'Not found', { headers: { 'cache-control': 'no-store' } });
}
