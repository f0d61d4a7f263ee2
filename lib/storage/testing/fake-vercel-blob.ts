import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex } from '../hash';

/** A token in the shape `@vercel/blob` parses (`vercel_blob_rw_<storeId>_<secret>`). */
export const FAKE_BLOB_TOKEN = 'vercel_blob_rw_fakestore_secret';

/** Vercel Blob's cache max-age when a put names none (one month). */
const DEFAULT_MAX_AGE_SECONDS = 2_592_000;

interface StoredBlob {
  body: Buffer;
  contentType: string;
  cacheControl: string;
  etag: string;
  uploadedAt: Date;
}

/** A running fake: where to point `VERCEL_BLOB_API_URL`, what it holds, and how to stop it. */
export interface FakeVercelBlob {
  apiUrl: string;
  blobs: Map<string, StoredBlob>;
  /** API calls received, e.g. `put models/cnn/…/model.json`, `head …`, `list models/`, `delete …`. */
  calls: string[];
  close(): Promise<void>;
}

/**
 * Loopback server speaking the part of the Vercel Blob HTTP API that `@vercel/blob` 2.8 uses
 * (read from its dist/): `PUT /?pathname=` (put), `GET /?url=` (head), `GET /?prefix=&limit=&cursor=`
 * (list), `POST /delete` (del), errors as `{ error: { code, message } }`. It also serves the
 * stored blobs at their public URLs, `/store/<pathname>`.
 */
export async function startFakeVercelBlob(): Promise<FakeVercelBlob> {
  const blobs = new Map<string, StoredBlob>();
  const calls: string[] = [];
  let baseUrl = '';

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      sendJson(response, 500, { error: { code: 'internal_server_error', message: String(error) } }),
    );
  });

  const publicUrl = (pathname: string) => `${baseUrl}/store/${pathname}`;
  const pathnameOf = (urlOrPathname: string) =>
    urlOrPathname.startsWith('http') ? decodeURIComponent(new URL(urlOrPathname).pathname.replace(/^\/store\//, '')) : urlOrPathname;
  const describe = (pathname: string, blob: StoredBlob) => ({
    url: publicUrl(pathname),
    downloadUrl: `${publicUrl(pathname)}?download=1`,
    pathname,
    size: blob.body.length,
    contentType: blob.contentType,
    contentDisposition: `inline; filename="${pathname.split('/').pop()}"`,
    cacheControl: blob.cacheControl,
    uploadedAt: blob.uploadedAt.toISOString(),
    etag: blob.etag,
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', baseUrl);
    if (url.pathname.startsWith('/store/')) return serveBlob(decodeURIComponent(url.pathname.slice('/store/'.length)), response);
    if (request.headers.authorization !== `Bearer ${FAKE_BLOB_TOKEN}`) {
      return sendJson(response, 403, { error: { code: 'forbidden', message: 'Access denied' } });
    }
    // put() calls `<api>/?pathname=`, head() and list() call `<api>?…`: the trailing slash varies.
    const route = `${request.method} ${url.pathname.replace(/\/$/, '')}`;
    if (route === 'PUT /api/blob') {
      const pathname = url.searchParams.get('pathname') ?? '';
      calls.push(`put ${pathname}`);
      const body = await readBody(request);
      if (blobs.has(pathname) && request.headers['x-allow-overwrite'] !== '1') {
        return sendJson(response, 400, { error: { code: 'bad_request', message: 'This blob already exists' } });
      }
      const maxAge = Number(request.headers['x-cache-control-max-age'] ?? DEFAULT_MAX_AGE_SECONDS);
      const blob: StoredBlob = {
        body,
        contentType: String(request.headers['x-content-type'] ?? 'application/octet-stream'),
        cacheControl: `public, max-age=${maxAge}`,
        etag: `"${sha256Hex(body).slice(0, 32)}"`,
        uploadedAt: new Date(),
      };
      blobs.set(pathname, blob);
      const { url: blobUrl, downloadUrl, contentType, contentDisposition, etag } = describe(pathname, blob);
      return sendJson(response, 200, { url: blobUrl, downloadUrl, pathname, contentType, contentDisposition, etag });
    }
    if (route === 'GET /api/blob' && url.searchParams.has('url')) {
      const pathname = pathnameOf(url.searchParams.get('url') ?? '');
      calls.push(`head ${pathname}`);
      const blob = blobs.get(pathname);
      if (!blob) return sendJson(response, 404, { error: { code: 'not_found', message: 'The requested blob does not exist' } });
      return sendJson(response, 200, describe(pathname, blob));
    }
    if (route === 'GET /api/blob') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const limit = Number(url.searchParams.get('limit') ?? 1000);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      calls.push(`list ${prefix}`);
      const matching = [...blobs.keys()].filter((pathname) => pathname.startsWith(prefix)).sort();
      const page = matching.slice(start, start + limit);
      const hasMore = start + limit < matching.length;
      return sendJson(response, 200, {
        blobs: page.map((pathname) => {
          const { url: blobUrl, downloadUrl, size, uploadedAt, etag } = describe(pathname, blobs.get(pathname)!);
          return { url: blobUrl, downloadUrl, pathname, size, uploadedAt, etag };
        }),
        cursor: hasMore ? String(start + limit) : undefined,
        hasMore,
      });
    }
    if (route === 'POST /api/blob/delete') {
      const { urls } = JSON.parse((await readBody(request)).toString('utf8')) as { urls: string[] };
      for (const target of urls) {
        calls.push(`delete ${pathnameOf(target)}`);
        blobs.delete(pathnameOf(target));
      }
      return sendJson(response, 200, {});
    }
    sendJson(response, 400, { error: { code: 'bad_request', message: `Not part of the fake: ${route}` } });
  }

  function serveBlob(pathname: string, response: ServerResponse): void {
    const blob = blobs.get(pathname);
    if (!blob) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response
      .writeHead(200, {
        'content-type': blob.contentType,
        'content-length': blob.body.length,
        'cache-control': blob.cacheControl,
        etag: blob.etag,
        'last-modified': blob.uploadedAt.toUTCString(),
      })
      .end(blob.body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${baseUrl}/api/blob`,
    blobs,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
