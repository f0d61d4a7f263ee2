import { NextResponse, type NextRequest } from 'next/server';
import { appEnv } from '@/lib/env';
import { refuseRequest } from '@/lib/http/request-guard';
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
 * the scripts it renders (every page here is rendered per request). A static file fetched as a
 * worker script (the inference worker) gets the worker's own policy.
 */
export function proxy(request: NextRequest): Response {
  const blobOrigin = vercelBlobOrigin(appEnv().BLOB_READ_WRITE_TOKEN);
  if (request.nextUrl.pathname.startsWith('/_next/static/')) {
    const response = NextResponse.next();
    response.headers.set('content-security-policy', workerContentSecurityPolicy({ blobOrigin }));
    return response;
  }

  const refusal = refuseRequest(request.method, request.nextUrl.pathname);
  if (refusal)
    return withSecurityHeaders(
      Response.json(
        { error: refusal.error, field: null },
        { status: refusal.status, headers: refusal.allow ? { allow: refusal.allow } : {} },
      ),
    );

  const csp = contentSecurityPolicy({ nonce: createNonce(), blobOrigin, development: process.env.NODE_ENV === 'development' });
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
