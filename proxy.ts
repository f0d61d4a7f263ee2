import { NextResponse, type NextRequest } from 'next/server';
import { appEnv } from '@/lib/env';
import { refuseRequest } from '@/lib/http/request-guard';
import { labPagePreloads } from '@/lib/http/lab-page-preloads';
import { isPrerenderedPage, LAB_PAGE } from '@/lib/http/prerendered-pages';
import { publishedManifest } from '@/lib/storage/server-manifest';
import {
  contentSecurityPolicy,
  createNonce,
  SECURITY_HEADERS,
  vercelBlobOrigin,
  workerContentSecurityPolicy,
} from '@/lib/http/security-headers';

/**
 * In front of every route but the build's static files: a malformed percent-escape gets a 400
 * (Next.js's route matching would answer 500), and every response gets the security headers and
 * a Content-Security-Policy with a fresh nonce, which Next.js reads from the request to put on
 * the scripts it renders. A page served as built (the lab's own) comes with its policy from the
 * build instead, and with the preloads of what its first answer needs. A static file fetched as a
 * worker script (the inference worker) gets the worker's own policy.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const blobOrigin = vercelBlobOrigin(appEnv().BLOB_READ_WRITE_TOKEN);
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/_next/static/')) {
    const response = NextResponse.next();
    response.headers.set('content-security-policy', workerContentSecurityPolicy({ blobOrigin }));
    return response;
  }

  const refusal = refuseRequest(request.method, pathname);
  if (refusal)
    return withSecurityHeaders(
      Response.json(
        { error: refusal.error, field: null },
        { status: refusal.status, headers: refusal.allow ? { allow: refusal.allow } : {} },
      ),
    );

  const development = process.env.NODE_ENV === 'development';
  // `next dev` renders every page per request, so there the nonce serves them all.
  if (!development && isPrerenderedPage(pathname)) {
    const response = NextResponse.next();
    if (pathname === LAB_PAGE) response.headers.set('link', labPagePreloads(search, await publishedManifest()));
    return withSecurityHeaders(response);
  }

  const csp = contentSecurityPolicy({ scripts: { nonce: createNonce() }, blobOrigin, development });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return withSecurityHeaders(response);
}

function withSecurityHeaders<T extends Response>(response: T): T {
  for (const { key, value } of SECURITY_HEADERS) response.headers.set(key, value);
  return response;
}

export const config = {
  matcher: [
    // Every page, 404s included; not the build's hashed static files, and not the JSON API: a
    // proxy makes Next.js buffer a copy of the request body, which would bypass the share
    // route's own 16 KB cap and turn a client's hang-up into a logged error.
    '/((?!_next/static/|_next/image|api/).*)',
    // Of those, only worker scripts (browsers say so in Sec-Fetch-Dest).
    { source: '/_next/static/:path*', has: [{ type: 'header', key: 'sec-fetch-dest', value: 'worker' }] },
  ],
};
