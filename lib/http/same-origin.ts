import { siteOrigin } from './site-url';

/** Why a write is refused before its body is read. */
export interface WriteRefusal {
  status: 403 | 415;
  error: string;
}

/**
 * Same-origin writes only. A browser on another site can send a POST without JavaScript (an HTML
 * form, `text/plain`) and without CORS (a `no-cors` fetch), but it cannot send
 * `application/json` cross-origin without a preflight this app never grants, and it always says
 * where the request comes from: `Sec-Fetch-Site`, and `Origin` on every POST.
 * - 403 when `Sec-Fetch-Site` is present and not `same-origin`, or `Origin` is present and is not
 *   the site's origin (`siteUrl`) or the host the request was made to (the scheme may differ
 *   behind a TLS-terminating proxy);
 * - 415 when the body is not declared as JSON.
 * Requests that carry neither header (curl, server-to-server) are not cross-site requests by a
 * browser and pass on to the other checks.
 */
export function refuseCrossSiteWrite(request: Request, siteUrl?: string): WriteRefusal | null {
  const crossSite = { status: 403, error: 'Shares can only be created from this site' } as const;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') return crossSite;
  const origin = request.headers.get('origin');
  if (origin !== null && !isOwnOrigin(origin, request.headers, siteUrl)) return crossSite;
  if (!isJson(request.headers.get('content-type'))) return { status: 415, error: 'Send the share as application/json' };
  return null;
}

function isOwnOrigin(origin: string, headers: Headers, siteUrl: string | undefined): boolean {
  if (siteUrl && origin === siteUrl) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
  return host === new URL(siteOrigin(headers, undefined, 'http://invalid.invalid')).host;
}

/** `application/json`, any case, with or without parameters (`; charset=utf-8`). */
function isJson(contentType: string | null): boolean {
  return contentType?.split(';', 1)[0].trim().toLowerCase() === 'application/json';
}
